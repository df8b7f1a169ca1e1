package dev.planning.rules.internal.drools;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectStreamClass;
import java.io.OptionalDataException;
import java.io.StreamCorruptedException;
import org.drools.base.common.DroolsObjectInputStream;

/**
 * The stream a compiled-rulebook entry is read with ({@link CompiledRulebookCache}): Drools' own,
 * holding every class it reads to the entry's allow-list (JDK, Drools, KIE, MVEL and the rules
 * module's classes), including the classes of the serialization streams nested in it.
 *
 * <p>Nested streams are why this is more than a filter. Drools' {@code JavaDialectRuntimeData}
 * writes its class store as a byte array holding a serialization stream of its own, and its
 * {@code readExternal} reads that array back with a plain {@code new ObjectInputStream(...)}, which
 * no per-stream filter reaches: a forged entry could hide any class of the class path in it. So
 * every byte array this stream yields that starts with the serialization stream header
 * ({@code AC ED 00 05}, which an {@code ObjectInputStream} over the array must start with) is read
 * here first, object by object, by a stream of this class, and the entry is refused (an
 * {@link IOException}, so "compile again") if anything in it is refused, fails to read, or goes
 * more than {@value #MAX_NESTING} streams deep, the entry's own included. Drools then reads bytes
 * whose every class passed.
 *
 * <p>What that covers: a nested stream over a byte array read from the entry. In Drools 10.2 the
 * classes that open a stream of their own while being read are {@code JavaDialectRuntimeData}
 * (always, over such an array), and {@code KnowledgePackageImpl}, {@code MVELKnowledgePackageImpl}
 * and {@code ReteooBuilder} only when they are not given a {@code DroolsObjectInputStream}, which
 * this is. A later Drools that opened a stream over other bytes (compressed, or from an offset)
 * would not be covered: a new Drools version needs this list checked again.
 *
 * <p>Not chosen: a JVM-wide filter factory (JEP 415) that applies the list to every stream made
 * while an entry is read. On Java 17 it can be set only once per JVM and not at all once any
 * {@code ObjectInputStream} has been made, so in an application it would mostly be unavailable.
 *
 * <p>The allow-list is applied twice in each stream, independently: as the stream's
 * {@link ObjectInputFilter} (with depth and reference limits) and in {@link #resolveClass}, so a
 * JVM-wide filter factory ({@code ObjectInputFilter.Config.setSerialFilterFactory}) that an
 * application installed, and that may replace a stream's filter, cannot widen it. Nothing here
 * changes JVM-wide state.
 */
final class EntryObjectStream extends DroolsObjectInputStream {

    /**
     * How many serialization streams deep an entry may go, its own included (Drools' class store
     * makes two).
     */
    static final int MAX_NESTING = 3;

    /**
     * The classes an entry may hold, with limits on its depth and references. Made when this class is
     * first used, that is when an entry is read: creating a filter initialises
     * {@code ObjectInputFilter.Config}, which looks up the JVM's logging back end, and the callers
     * that only name the cache's directory (a kept {@code lint} result) need none of it
     * (docs/benchmarks/cold-start.md, eleventh pass).
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=200;maxrefs=2000000;java.**;org.drools.**;org.kie.**;org.mvel2.**;dev.planning.rules.**;!*");

    private final ClassLoader classLoader;
    private final int nesting;

    /**
     * A stream over an entry's payload.
     *
     * @param in the payload
     * @param classLoader where the rules' and facts' classes come from
     * @throws IOException when the payload does not start with a serialization stream header
     */
    EntryObjectStream(InputStream in, ClassLoader classLoader) throws IOException {
        this(in, classLoader, 0);
    }

    private EntryObjectStream(InputStream in, ClassLoader classLoader, int nesting) throws IOException {
        super(in, classLoader);
        this.classLoader = classLoader;
        this.nesting = nesting;
        setObjectInputFilter(FILTER);
        enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
        Class<?> type = super.resolveClass(description);
        // As a stream judges its filter: only REJECTED refuses (primitive arrays are UNDECIDED; every
        // other class outside the list meets the closing !*).
        if (FILTER.checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.REJECTED) {
            throw new InvalidClassException(description.getName(), "not allowed in a compiled-rulebook entry");
        }
        return type;
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
        throw new InvalidClassException(String.join(",", interfaces),
                "no proxy is allowed in a compiled-rulebook entry");
    }

    @Override
    protected Object resolveObject(Object read) throws IOException {
        if (read instanceof byte[] bytes && isSerializationStream(bytes)) {
            checkNested(bytes);
        }
        return read;
    }

    /** Whether the bytes start as an {@code ObjectOutputStream} starts its output. */
    static boolean isSerializationStream(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == (byte) 0xAC && bytes[1] == (byte) 0xED && bytes[2] == 0
                && bytes[3] == 5;
    }

    /**
     * Reads a nested stream through to its end with a stream of this class, primitive data skipped;
     * throws when anything in it is refused or does not read.
     */
    private void checkNested(byte[] bytes) throws IOException {
        if (nesting + 1 >= MAX_NESTING) {
            throw new InvalidObjectException("serialization streams nested more than " + MAX_NESTING
                    + " streams deep");
        }
        try (EntryObjectStream nested = new EntryObjectStream(new ByteArrayInputStream(bytes), classLoader,
                nesting + 1)) {
            while (true) {
                try {
                    nested.readObject();
                } catch (OptionalDataException primitives) {
                    if (primitives.eof) {
                        return;
                    }
                    skip(nested, primitives.length);
                }
            }
        } catch (EOFException end) {
            // the whole nested stream was read
        } catch (ClassNotFoundException e) {
            throw new InvalidClassException(e.getMessage(), "a class of a nested stream is not on the class path");
        }
    }

    private static void skip(EntryObjectStream in, int length) throws IOException {
        int left = length;
        while (left > 0) {
            int skipped = in.skipBytes(left);
            if (skipped <= 0) {
                throw new StreamCorruptedException("a nested stream ends inside its primitive data");
            }
            left -= skipped;
        }
    }

    /** A class alone, as the filter's pattern part judges it (no limit is reached). */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {

        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }
}
