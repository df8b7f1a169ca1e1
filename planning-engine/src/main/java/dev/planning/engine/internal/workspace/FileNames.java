package dev.planning.engine.internal.workspace;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * File names that are not UTF-8, told alike wherever a name is read: from a directory listing (where Java
 * decodes a name's bytes in the locale's character set and writes U+FFFD for a byte it cannot decode) and
 * from a git tree (where JGit decodes a name that is not UTF-8 in another character set, so {@code \377}
 * reads as {@code ÿ}). Such a name is refused wherever a walk names or re-reads its files: two of them
 * would show alike, and the text names another file, or none.
 *
 * <pre>{@code
 * if (!FileNames.namesItself(dir, entry)) { ... refuse, naming FileNames.NOT_UTF8 ... }
 * FileNames.notUtf8(tree.getRawPath())   // Optional.of("rules/\\xFFx.drl")
 * }</pre>
 */
public final class FileNames {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private FileNames() {
    }

    /** Why such a name is refused, the same words from a disk walk and a git tree. */
    public static final String NOT_UTF8 = "is not UTF-8 text this process can name (a byte that is not UTF-8,"
            + " shown as U+FFFD or as \\xFF; or a name that is not ASCII where the locale is not UTF-8); rename it";

    /**
     * A path as messages and locations name it: its root, then its names joined by {@code /}. A backslash is a
     * separator only where the file system's separator is one (there, no name holds one); elsewhere it is a character
     * of a name, and {@code rules/a\b.drl} is not {@code rules/a/b.drl}, another file (msg44).
     *
     * @param path the path
     * @return its text with {@code /} between its names
     */
    public static String slashed(Path path) {
        StringBuilder shown = new StringBuilder();
        Path root = path.getRoot();
        if (root != null) {
            shown.append(root.toString().replace(path.getFileSystem().getSeparator(), "/"));
        }
        for (int index = 0; index < path.getNameCount(); index++) {
            shown.append(index == 0 ? "" : "/").append(path.getName(index));
        }
        return shown.toString();
    }

    /**
     * Whether the name a listing gives {@code path} below {@code directory}, as text, names it again: false for a
     * name whose bytes are not UTF-8 (listed with U+FFFD), or not ASCII under a locale that is not UTF-8.
     *
     * @param directory the directory walked
     * @param path      an entry the walk listed below it
     * @return whether resolving the listed text finds the same path
     */
    public static boolean namesItself(Path directory, Path path) {
        try {
            return directory.resolve(directory.relativize(path).toString()).equals(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * A name's raw bytes (as a git tree holds them) when they are not UTF-8, shown so that two such names never
     * look alike: UTF-8 text as itself, every other byte as {@code \xFF}.
     *
     * @param raw the name's bytes
     * @return empty when the bytes are UTF-8
     */
    public static Optional<String> notUtf8(byte[] raw) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(raw));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of(escaped(raw));
        }
    }

    private static String escaped(byte[] raw) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length * 4 + 4);
        while (in.hasRemaining()) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put("\\x").put(HEX.toHexDigits(in.get()));
                }
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
