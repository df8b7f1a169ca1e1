package dev.planning.engine.internal.document;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a text file's bytes within a size limit and decodes them as strict UTF-8. */
final class StrictText {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StrictText() {
    }

    /** The file's bytes; refuses missing files, directories and files over {@code maxBytes}. */
    static byte[] readBytes(Path file, String displayPath, int maxBytes) {
        SourceLocation where = SourceLocation.ofFile(displayPath);
        try {
            if (!Files.isRegularFile(file)) {
                String what = Files.isDirectory(file) ? "is a directory; expected a file of that name"
                        : Files.exists(file) ? "is not a regular file" : "does not exist";
                throw new DocumentException(DocumentException.FILE_UNREADABLE, "file " + what, where);
            }
            // Checked before reading so that a huge file is refused without being loaded.
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(size, maxBytes, where);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > maxBytes) {
                throw tooLarge(bytes.length, maxBytes, where);
            }
            dev.planning.engine.internal.hash.JudgedReads.read(file, bytes);
            return bytes;
        } catch (NoSuchFileException e) {
            throw new DocumentException(DocumentException.FILE_UNREADABLE, "file does not exist", where);
        } catch (IOException e) {
            // The reason, not the exception's message: that repeats the absolute path (and whatever a
            // directory's name holds), where the location names the file as the user knows it.
            throw new DocumentException(DocumentException.FILE_UNREADABLE, "file cannot be read ("
                    + dev.planning.engine.internal.workspace.Shown.reason(e) + "); make it readable by the user running"
                    + " planning", where);
        }
    }

    static DocumentException tooLarge(long size, int maxBytes, SourceLocation where) {
        return new DocumentException(DocumentException.FILE_TOO_LARGE, "file is " + size
                + " bytes; planning files are limited to " + maxBytes + " bytes (" + (maxBytes / (1024 * 1024))
                + " MiB)", where);
    }

    /** Decodes UTF-8, dropping a leading byte-order mark; invalid bytes are located precisely. */
    static String decode(byte[] bytes, String displayPath) {
        int start = startsWithBom(bytes) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw badByte(bytes, start, in.position(), displayPath);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw badByte(bytes, start, in.position(), displayPath);
        }
        return out.flip().toString();
    }

    private static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    private static DocumentException badByte(byte[] bytes, int start, int offset, String displayPath) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Everything before the bad byte decoded cleanly, so its characters can be counted.
        String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        int column = before.codePointCount(0, before.length()) + 1;
        String hex = String.format("0x%02X", bytes[offset] & 0xFF);
        return new DocumentException(DocumentException.FILE_ENCODING,
                "invalid UTF-8 byte " + hex + ": planning files must be UTF-8 encoded",
                new SourceLocation(displayPath, line, column));
    }
}
