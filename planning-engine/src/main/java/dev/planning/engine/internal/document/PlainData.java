package dev.planning.engine.internal.document;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plain data written and read back for {@link KeptParses}: texts (UTF-8, length first), counts,
 * longs, flags and byte strings; no class is named or instantiated from the bytes, so reading them is
 * not deserialization. The reader is strict: a count or length larger than the bytes left, text that
 * is not UTF-8, a flag that is neither 0 nor 1, or bytes left over at {@link Reader#end} throw
 * {@link IllegalArgumentException}, which a caller takes as "parse again".
 */
public final class PlainData {

    private PlainData() {
    }

    /** Writes plain data. */
    public static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        private final DataOutputStream out = new DataOutputStream(bytes);

        /** Writes a text. */
        public Writer text(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        /** Writes an optional text (a flag, then the text when present). */
        public Writer optional(Optional<String> value) {
            flag(value.isPresent());
            value.ifPresent(this::text);
            return this;
        }

        /** Writes a count or another int. */
        public Writer count(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes a long. */
        public Writer number(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes a flag. */
        public Writer flag(boolean value) {
            try {
                out.writeByte(value ? 1 : 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes a byte string. */
        public Writer bytes(byte[] value) {
            try {
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** What was written. */
        public byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Reads what a {@link Writer} wrote; every count and length is checked against the bytes left. */
    public static final class Reader {
        private final ByteBuffer buffer;

        public Reader(byte[] payload) {
            this.buffer = ByteBuffer.wrap(payload);
        }

        /** A count of items, each of which takes at least {@code minimumBytes} bytes. */
        public int count(int minimumBytes) {
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / Math.max(1, minimumBytes)) {
                throw new IllegalArgumentException("count out of range: " + count);
            }
            return count;
        }

        /** An int written with {@link Writer#count} that is not a count. */
        public int integer() {
            return buffer.getInt();
        }

        public long number() {
            return buffer.getLong();
        }

        public boolean flag() {
            byte flag = buffer.get();
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException("not a flag: " + flag);
            }
            return flag == 1;
        }

        public byte[] bytes() {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("length out of range: " + length);
            }
            byte[] value = new byte[length];
            buffer.get(value);
            return value;
        }

        public String text() {
            byte[] utf8 = bytes();
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(utf8))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("not UTF-8", e);
            }
        }

        public Optional<String> optional() {
            return flag() ? Optional.of(text()) : Optional.empty();
        }

        /** Checks that nothing is left. */
        public void end() {
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " bytes left over");
            }
        }
    }
}
