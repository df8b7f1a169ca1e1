package dev.planning.engine.internal.document;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the parse of a document that validated in full is kept across processes, so that reading
 * the same bytes again skips the YAML parse and the schema validation: the trust file's
 * ({@code TrustFile}) and a sealed manifest's ({@code ManifestReader}, with the forms a verification
 * derives from it). A parse is a pure function of the file's exact bytes and of the code that does
 * it; a store keys each payload by both, so other bytes or another build never read it. What the
 * verification itself checks (every signature, every checksum, the event log, the sealed commit,
 * every date) is not a parse and is never kept. A parse is kept and read only under the default bound
 * on text values ({@link YamlDocuments#parsesMayBeKept}), the one it was checked against.
 *
 * <p>None unless a process turns it on ({@link #keepIn}); the command line does, for the commands that
 * keep validated rulebook settings, in the same directory ({@code CompiledRulebooks}). A store must
 * treat anything that does not check out as a miss; a reader decodes a payload strictly and parses
 * again when it does not decode, so a store that fails never changes an outcome or a message.
 */
public final class KeptParses {

    /** Where payloads are kept. */
    public interface Store {

        /**
         * The payload kept for exactly these bytes read as {@code kind}.
         *
         * @param kind      what the bytes are: lower-case letters ({@code trust}, {@code manifest})
         * @param code      the classes whose code decides the payload (a store covers their code, e.g. their
         *                  jars, in its key, so that another build never reads it)
         * @param bytes     the document's exact bytes
         * @param workspace the workspace the document was read for (a store lying inside it is not used)
         * @return the payload given to {@link #keep} for the same kind, code and bytes, or empty
         */
        Optional<byte[]> read(String kind, List<Class<?>> code, byte[] bytes, Path workspace);

        /**
         * Keeps the payload for these bytes; failing to keep it changes nothing else.
         *
         * @param kind      what the bytes are
         * @param code      the classes whose code decides the payload
         * @param bytes     the document's exact bytes, which validated in full
         * @param payload   what the reader made of them
         * @param workspace the workspace the document was read for
         */
        void keep(String kind, List<Class<?>> code, byte[] bytes, byte[] payload, Path workspace);
    }

    private static volatile Store store;

    private KeptParses() {
    }

    /**
     * Keeps parses in {@code store} for the rest of this process, or stops doing so ({@code null}).
     *
     * @param where the store, or {@code null} for none
     */
    public static void keepIn(Store where) {
        store = where;
    }

    /** The store in use, if any. */
    public static Optional<Store> store() {
        return Optional.ofNullable(store);
    }

    /** The kept payload, or empty (no store, a miss, or a store that failed). */
    public static Optional<byte[]> read(String kind, List<Class<?>> code, byte[] bytes, Path workspace) {
        Store where = store;
        if (where == null || workspace == null || !YamlDocuments.parsesMayBeKept()) {
            return Optional.empty();
        }
        try {
            return where.read(kind, code, bytes, workspace);
        } catch (RuntimeException e) {
            return Optional.empty(); // a store that fails is a miss, never an error of the document
        }
    }

    /** Keeps a payload when a store is in use; a store that fails changes nothing. */
    public static void keep(String kind, List<Class<?>> code, byte[] bytes, byte[] payload, Path workspace) {
        Store where = store;
        if (where == null || workspace == null || !YamlDocuments.parsesMayBeKept()) {
            return;
        }
        try {
            where.keep(kind, code, bytes, payload, workspace);
        } catch (RuntimeException e) {
            // An optimisation: failing to keep a parse changes nothing else.
        }
    }

    /** Whether a store is in use (a reader computes what it would keep only then). */
    public static boolean active() {
        return store != null;
    }
}
