package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * Text from files a contributor writes (a plan's titles and references, a log's gate names), made
 * safe to show to people: every character that is not {@linkplain #shownAsItself seen as itself} is
 * written as {@code \u005cuXXXX}. This is the one rule every output uses (the command line's
 * {@code ShownWriter}, the HTML report, the digest's Markdown, findings and discrepancies); each
 * format only says which line breaks and tabs it keeps. What a CI job's log may hold is written by one
 * more rule on top ({@link #inertInBuildLogs}: no command a runner reads there).
 *
 * <p>The rule is an allow-list on Unicode general categories, so what a newer Unicode adds, or a
 * category nobody thought of, is escaped rather than passed:
 * <ul>
 *   <li><b>Shown as themselves</b>: letters (Lu, Ll, Lt, Lm, Lo), marks (Mn, Mc, Me: they draw on the
 *       letter before them), numbers (Nd, Nl, No), punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po), symbols
 *       (Sm, Sc, Sk, So, emoji among them) and space separators (Zs: a blank shows as a blank).</li>
 *   <li><b>Escaped</b>: controls (Cc: the escape sequences that colour, erase or hide text and move
 *       the cursor, a carriage return that overwrites a line, {@code DEL}, C1), format characters (Cf:
 *       the bidirectional controls of "Trojan Source", zero-width spaces and joiners, the word joiner
 *       and invisible operators, the soft hyphen, the byte order mark, tag characters), line and
 *       paragraph separators (Zl, Zp), private use (Co: a font may draw anything), unassigned code
 *       points (Cn, as the JVM's Unicode version knows them) and lone surrogates (Cs); and, in the
 *       categories shown, the characters Unicode marks as drawing nothing (Default_Ignorable_Code_Point):
 *       variation selectors, the combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
 *       Mongolian free variation selectors. So two texts that differ look different: what is shown is
 *       every character stored. The price: a zero-width joiner inside an emoji sequence, or a
 *       zero-width non-joiner of Persian orthography, shows as its escape.</li>
 * </ul>
 * A character outside the Basic Multilingual Plane is judged as the code point its surrogate pair
 * makes, and escaped as its two UTF-16 units ({@code \u005cuDB40\u005cuDC41}), so that in JSON the escape is
 * the same value.
 *
 * <p>A value's own backslash that begins {@code \u005cu} is written as its escape too, {@code \u005cu005C}
 * ({@link #line}, {@link #lines}, {@link #cut}, {@link #path}, {@link #markdown}): so the six characters
 * {@code \u005cu000A} a value holds show as {@code \u005cu005Cu000A}, and only a line feed shows as
 * {@code \u005cu000A}; a value cannot imitate an escaped one (text40). Text made of values already quoted so (a
 * finding's message) is shown again with {@link #shown(String, String)} or {@link #markdownOfShown}, which leave
 * its backslashes as they are: quoted twice, an escape would show as the escape of a backslash.
 *
 * <pre>{@code
 * String shown = Printable.line("FE-9\n\033[32mlint passed");   // FE-9\u005cu000A\u005cu001B[32mlint passed
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Printable {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** ASCII punctuation that opens or closes Markdown inline structure, or on which GitHub's autolinks turn. */
    private static final String MARKDOWN_INLINE = "\\`*_[]<>!|&~$:.";
    /** ASCII characters that open a Markdown block where a line begins. */
    private static final String MARKDOWN_LEADING = "-+=#";

    /** The most characters of a name (a cycle id) a one-line message quotes ({@link #cut}). */
    public static final int VALUE_CHARACTERS = 80;
    /** The most characters of a path, or of each part of {@code given (resolved)}, a message quotes ({@link #path}). */
    public static final int PATH_CHARACTERS = 200;
    /**
     * The most characters of an error's location {@link PlanningException#describe()} shows before its line and
     * column: room for a path as given and where it resolved ({@code given (resolved)}, {@link #path}), each part
     * cut at {@value #PATH_CHARACTERS} characters and {@code ...}.
     */
    public static final int LOCATION_CHARACTERS = 2 * (PATH_CHARACTERS + 3) + 3;

    /** The length of a commit's SHA-1 in hexadecimal, which GitHub links standing alone. */
    private static final int SHA_LENGTH = 40;

    /** The general categories shown as themselves, as bits of {@link Character#getType}'s values. */
    private static final int SEEN = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.NON_SPACING_MARK | 1 << Character.COMBINING_SPACING_MARK | 1 << Character.ENCLOSING_MARK
            | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER
            | 1 << Character.CONNECTOR_PUNCTUATION | 1 << Character.DASH_PUNCTUATION | 1 << Character.START_PUNCTUATION
            | 1 << Character.END_PUNCTUATION | 1 << Character.INITIAL_QUOTE_PUNCTUATION
            | 1 << Character.FINAL_QUOTE_PUNCTUATION | 1 << Character.OTHER_PUNCTUATION | 1 << Character.MATH_SYMBOL
            | 1 << Character.CURRENCY_SYMBOL | 1 << Character.MODIFIER_SYMBOL | 1 << Character.OTHER_SYMBOL
            | 1 << Character.SPACE_SEPARATOR;

    private Printable() {
    }

    /**
     * Whether a character is shown as itself (see the class comment for the categories and why);
     * every other character is written as {@code \u005cuXXXX}. Line feeds, carriage returns and tabs
     * are not shown as themselves here: a format that keeps them says so.
     *
     * @param codePoint a Unicode code point; a lone surrogate is not shown as itself
     * @return whether {@code codePoint} may be shown as it is
     */
    public static boolean shownAsItself(int codePoint) {
        if (codePoint < 0x300) {
            // ASCII, Latin-1, Latin Extended, IPA and spacing modifiers: all seen but the controls and
            // the soft hyphen (everyCodePointIsJudgedByItsCategory checks this against the rule).
            return codePoint < 0x7f ? codePoint >= 0x20 : codePoint >= 0xa0 && codePoint != 0xad;
        }
        if (codePoint <= 0xffff) {
            Page page = PAGES[codePoint >>> 8];
            if (page != null) {
                return (page.bits[codePoint >> 6 & 3] >>> codePoint & 1) != 0;
            }
        }
        return firstAsked(codePoint);
    }

    /** A code point outside the BMP, or the first of its page: judged, and its page remembered. */
    private static boolean firstAsked(int codePoint) {
        if (codePoint <= 0xffff) {
            PAGES[codePoint >>> 8] = new Page(codePoint >>> 8);
        }
        return judged(codePoint);
    }

    /** The rule itself, for any code point (the pages below remember it for the BMP). */
    private static boolean judged(int codePoint) {
        return codePoint >= 0x20 && (codePoint < 0x7f || codePoint > 0x9f)
                && (SEEN >> Character.getType(codePoint) & 1) != 0 && !drawsNothing(codePoint);
    }

    /**
     * The BMP's answers by pages of 256 code points, each made the first time one of its code points
     * is asked about, so that printing asks {@link Character#getType} once per code point and not once
     * per character printed, and start-up makes none for text that is ASCII.
     */
    private static final Page[] PAGES = new Page[256];

    /** 256 answers as bits; final, so a page another thread made is seen whole (a race makes it twice). */
    private static final class Page {
        final long[] bits = new long[4];

        Page(int number) {
            for (int i = 0; i < 256; i++) {
                if (judged(number << 8 | i)) {
                    bits[i >> 6] |= 1L << i;
                }
            }
        }
    }

    /** Default_Ignorable_Code_Point characters of the categories shown (the rest are Cf or Cn). */
    private static boolean drawsNothing(int c) {
        return c >= 0x034f && (c == 0x034f || c == 0x115f || c == 0x1160 || c == 0x17b4 || c == 0x17b5
                || c >= 0x180b && c <= 0x180f || c == 0x3164 || c >= 0xfe00 && c <= 0xfe0f || c == 0xffa0
                || c >= 0xe0000 && c <= 0xe0fff);
    }

    /**
     * The text on one line, every character not {@linkplain #shownAsItself shown as itself} written as
     * {@code \u005cuXXXX}, and a backslash that begins {@code \u005cu} as {@code \u005cu005C} (so the escape of a
     * character and the same six characters in the text differ); the same string when there is none.
     *
     * @param text the text, never {@code null}
     * @return the text as it may be shown on one line, never {@code null}
     */
    public static String line(String text) {
        return shown(text, "", true);
    }

    /**
     * A path as the user gave it, then, when it is relative or not normalized, the absolute path it
     * resolved to: {@code nope (/home/me/nope)}; one given absolute and normalized as it is. On one
     * line ({@link #line}): a name may hold a line feed or an escape sequence, which would print
     * lines of their own (a forged {@code ok:} among them); each part cut at {@value #PATH_CHARACTERS}
     * characters ({@link #cut}). For every message and output line that names a path.
     *
     * <p>A path is shown as a path: where its file system's separator is the backslash (Windows), a backslash is a
     * separator, never part of a name, and is shown as itself ({@code C:\u005cusers\x}, not
     * {@code C:\u005cu005Cusers}); there a name cannot hold a control character either, so {@code \u005cu000A} cannot
     * be read as the escape of one.
     * Where the separator is {@code /}, a backslash is a character of a name, and one that begins {@code \u005cu} is
     * written as its escape, as {@link #line} writes it (a file named with the six characters {@code \u005cu000A}
     * shows as {@code \u005cu005Cu000A}; msg41).
     *
     * @param given the path as given, never {@code null}
     * @return the text to show, never {@code null}
     * @since 0.1
     */
    public static String path(Path given) {
        return path(given.toString(), given.toAbsolutePath().normalize().toString(),
                given.getFileSystem().getSeparator());
    }

    /**
     * {@link #path}'s text of a path as given and as resolved, on a file system whose separator is {@code separator}.
     */
    static String path(String given, String resolved, String separator) {
        boolean backslashes = !"\\".equals(separator);
        return resolved.equals(given) ? cut(resolved, PATH_CHARACTERS, backslashes)
                : cut(given, PATH_CHARACTERS, backslashes) + " (" + cut(resolved, PATH_CHARACTERS, backslashes) + ")";
    }

    /**
     * A value a one-line message quotes (a cycle id, a path given on the command line): its first {@code limit}
     * characters, then {@code ...} when it is longer, on one line ({@link #line}); a pair of surrogates is never
     * split. A value of 6,000 characters would otherwise make a line of 6,000 that hides what the message says
     * was expected. Cycle ids and other names are cut at {@value #VALUE_CHARACTERS} characters, paths
     * ({@link #path}) at {@value #PATH_CHARACTERS}, each part of {@code given (resolved)}.
     *
     * @param text  the value, never {@code null}
     * @param limit the most characters of it shown, at least 1
     * @return the value as it may be quoted, never {@code null}
     * @since 0.1
     */
    public static String cut(String text, int limit) {
        return cut(text, limit, true);
    }

    /**
     * As {@link #cut}, its backslashes left as they are ({@link #shown(String, String)}) unless {@code backslashes}:
     * for a location's file that a reader may have quoted with {@link #path} already ({@link PlanningException#describe}).
     */
    static String cut(String text, int limit, boolean backslashes) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " is below 1");
        }
        if (text.length() <= limit) {
            return shown(text, "", backslashes);
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) && Character.isLowSurrogate(text.charAt(limit))
                ? limit - 1 : limit;
        return shown(text.substring(0, end), "", backslashes) + "...";
    }

    /**
     * The text on the lines it has: as {@link #line}, but line feeds and tabs are kept (a message
     * that lists several problems one per line).
     *
     * @param text the text, never {@code null}
     * @return the text as it may be shown, never {@code null}
     * @since 0.1
     */
    public static String lines(String text) {
        return shown(text, "\n\t", true);
    }

    /**
     * As {@link #lines}, the characters of {@code kept} kept as they are (the line breaks and tabs a format keeps, as
     * {@code "\n\r\t"} for the HTML report): a value's own backslash that begins {@code \u005cu} is written as
     * {@code \u005cu005C}, unlike {@link #shown(String, String)}, which is for text already quoted.
     *
     * @param text the text, never {@code null}
     * @param kept the characters kept as they are besides those shown as themselves, never {@code null}
     * @return the text as it may be shown, never {@code null}
     * @since 0.1
     */
    public static String lines(String text, String kept) {
        return shown(text, kept, true);
    }

    /**
     * The text as Markdown inline content that renders as exactly itself, on one line: for every
     * Markdown output that shows text from a plan or a rulebook (the digest, the command line's
     * Markdown reports, the SARIF rule help a code host renders). As {@link #line}, a line break
     * written as its escape ({@code \u005cu000A}, a carriage return {@code \u005cu000D}: a table cell holds no
     * line, and a space would hide that the text had one), but tabs are kept; and:
     * <ul>
     *   <li>ASCII punctuation that can open or close inline structure is backslash-escaped, as
     *       CommonMark defines: links and images, emphasis, code spans, raw HTML, entity references,
     *       autolinks, table cells, strikethrough and GitHub's {@code $...$} math
     *       ({@code \ ` * _ [ ] < > ! | & ~ $}), and {@code :} and {@code .}, where GitHub's autolinks
     *       turn (its renderer, cmark-gfm, links {@code https://...} where it meets the {@code :} and
     *       {@code www.} where it reads a {@code .} after {@code www});</li>
     *   <li>a character that would open a block where the text begins (a list item, a heading, a
     *       setext underline: {@code - + = #}, or {@code 1.} and {@code 1)}) is escaped there; a blank
     *       there (a space or a tab) is written as a character reference
     *       ({@code &#32;}, {@code &#9;}), so that no block opens after it either (up to three blanks
     *       let a {@code #} or {@code -} after them open one, four an indented code block);</li>
     *   <li>every {@code @} is followed by a zero-width space, written {@code &#8203;}: GitHub links an
     *       e-mail address and mentions a user or team ({@code @org/team}) in the rendered text,
     *       whatever its escapes, so a plan could otherwise notify people, or show a link, from a
     *       comment the tool posts;</li>
     *   <li>so is every reference GitHub would link to an issue, a pull request or a commit, and
     *       show as "mentioned" on the issue it names, in any repository: a {@code #} before a digit
     *       ({@code #12}, {@code owner/repo#12}), the {@code -} of {@code GH-} before a digit, and the
     *       first character of a commit's SHA standing alone (40 hexadecimal digits). The zero-width
     *       space is the one character the rendered text has that the original has not.</li>
     * </ul>
     * Letters, digits and the punctuation that starts no structure ({@code - , ; / ? ' " ( ) % ^ =})
     * are kept as they are, so the Markdown stays readable.
     *
     * <pre>{@code
     * String markdown = Printable.markdown("FE-12: see https://x.example, ask @qa, fixes #3");
     * // FE-12\: see https\://x\.example, ask @&#8203;qa, fixes #&#8203;3
     * }</pre>
     *
     * @param text the text, never {@code null}
     * @return the Markdown, never {@code null}
     * @since 0.1
     */
    public static String markdown(String text) {
        return markdown(text, true);
    }

    /**
     * Text already shown on one line, its values quoted by {@link #line} (a finding's message), as Markdown: as
     * {@link #markdown}, but a backslash that begins {@code \u005cu} is taken as the escape {@link #line} wrote
     * and rendered as it is, not escaped again.
     *
     * @param shown the text, its values quoted by {@link #line}, never {@code null}
     * @return the Markdown, never {@code null}
     * @since 0.1
     */
    public static String markdownOfShown(String shown) {
        return markdown(shown, false);
    }

    private static String markdown(String text, boolean backslashes) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || backslashes && beginsEscape(text, i)) {
                // text40: a line break shows as its escape, as on one line (a space hid it); a backslash that
                // begins one is escaped itself, so the text's own backslash-u-000A is not the line break's escape.
                escape(out, c);
            } else if (out.length() == 0 && (c == ' ' || c == '\t')) {
                // A blank where a line begins would let what follows open a block (a heading, list or
                // indented code): written as a character reference, it is text.
                out.append(c == ' ' ? "&#32;" : "&#9;");
            } else if (c == '@') {
                out.append("@&#8203;");
            } else if (c >= 0x80 || c < 0x20 && c != '\t' || c == 0x7f) {
                int codePoint = text.codePointAt(i);
                int units = Character.charCount(codePoint);
                if (shownAsItself(codePoint)) {
                    out.append(text, i, i + units);
                } else {
                    escape(out, codePoint);
                }
                i += units - 1;
            } else {
                if (MARKDOWN_INLINE.indexOf(c) >= 0 || i == 0 && MARKDOWN_LEADING.indexOf(c) >= 0
                        || orderedListMarker(text, i)) {
                    out.append('\\');
                }
                out.append(c);
                if (gitHubReference(text, i)) {
                    out.append("&#8203;");
                }
            }
        }
        return out.toString();
    }

    /**
     * Whether GitHub would read a reference to an issue, a pull request or a commit at {@code text[i]}
     * unless a zero-width space follows it: a {@code #} before a digit ({@code #12}, {@code owner/repo#12}),
     * the {@code -} of {@code GH-} before a digit (in any case), or the first character of a run of exactly
     * 40 hexadecimal digits standing alone (a commit's SHA; {@code owner/repo@<sha>} is already broken at its
     * {@code @}).
     */
    private static boolean gitHubReference(String text, int i) {
        char c = text.charAt(i);
        boolean digitNext = i + 1 < text.length() && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9';
        if (c == '#' || c == '-' && i >= 2 && (text.charAt(i - 2) | 0x20) == 'g' && (text.charAt(i - 1) | 0x20) == 'h') {
            return digitNext;
        }
        if (!hex(c) || i > 0 && word(text.charAt(i - 1))) {
            return false;
        }
        int end = i;
        while (end < text.length() && end - i <= SHA_LENGTH && hex(text.charAt(end))) {
            end++;
        }
        return end - i == SHA_LENGTH && (end == text.length() || !word(text.charAt(end)));
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean word(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    /** A {@code .} or {@code )} right after the digits a text starts with ({@code 1. item}) opens an ordered list. */
    private static boolean orderedListMarker(String text, int i) {
        char c = text.charAt(i);
        if (c != '.' && c != ')' || i == 0 || i > 9) {
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (text.charAt(j) < '0' || text.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The text with what a CI runner reads as a command in its log written as {@code \u005cuXXXX}: a
     * {@code [} right after {@code ##} and any ASCII letters (GitHub Actions' older form {@code ##[command]},
     * which its runner reads anywhere in a line, Azure Pipelines' {@code ##vso[}, TeamCity's
     * {@code ##teamcity[}), and a {@code :} that is the first character of a line but blanks (GitHub Actions'
     * {@code ::command::}, read after the blanks a line begins with, no-break spaces and U+0085 among them). The
     * text is taken to begin a line, and so is what follows a line feed or a carriage return. For every line
     * written to a build's log that may quote a plan's text: the command line's output ({@code ShownWriter},
     * which applies this as it writes) and the Maven plugin's log and errors (their causes' messages too).
     * Apply it after {@link #line} or {@link #lines}: the escapes they write open no command.
     *
     * @param text the text, never {@code null}
     * @return the text as a build's log may hold it, never {@code null}; the same string when nothing is escaped
     * @since 0.1
     */
    public static String inertInBuildLogs(String text) {
        return inert(text, false);
    }

    /**
     * An XML document with what a CI runner reads as a command written as an XML character reference: the characters
     * {@link #inertInBuildLogs} escapes, {@code [} as {@code &#91;} and {@code :} as {@code &#58;}, so that a runner
     * reads no command where the document is printed into a build's log (the command line's {@code --format junit})
     * while an XML reader reads the same text as before, where {@code \u005cuXXXX} would be literal text. For a
     * document whose markup holds neither character where they are escaped (no {@code [} after {@code ##}, no line
     * begun with a {@code :}), as the JUnit XML the tool writes: a character reference is read in text and
     * attribute values only.
     *
     * @param xml the document, never {@code null}
     * @return the document as a build's log may hold it, never {@code null}; the same string when nothing is escaped
     * @since 0.1
     */
    public static String inertInBuildLogsAsXml(String xml) {
        return inert(xml, true);
    }

    /** {@link #inertInBuildLogs}'s rule, each character escaped as {@code \u005cuXXXX} or as an XML character reference. */
    private static String inert(String text, boolean xml) {
        StringBuilder out = null;
        boolean hash = false;
        boolean open = false;
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' && open || c == ':' && lineStart) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                if (xml) {
                    out.append("&#").append((int) c).append(';');
                } else {
                    escape(out, c);
                }
                hash = false;
                open = false;
                lineStart = false;
                continue;
            }
            if (out != null) {
                out.append(c);
            }
            // "##" then ASCII letters opens a command at the next '['; a line of blanks so far, at the next ':'.
            open = c == '#' ? hash || open : open && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z');
            hash = c == '#';
            if (c == '\n' || c == '\r') {
                lineStart = true;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != 0x85) {
                lineStart = false;
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The text with every character not {@linkplain #shownAsItself shown as itself} written as
     * {@code \u005cuXXXX}, but those of {@code kept} (the line breaks and tabs a format keeps, as
     * {@code "\n\r\t"} for a source view); the same string when there is nothing to escape. Its backslashes
     * are left as they are, unlike {@link #line}'s: for text whose values {@link #line} quoted already (a
     * finding's message, which is shown once more so that no character of it acts) and for a JSON document,
     * whose backslashes are its own escapes.
     *
     * @param text the text, never {@code null}
     * @param kept the characters kept as they are besides those shown as themselves, never {@code null}
     * @return the text as it may be shown, never {@code null}
     */
    public static String shown(String text, String kept) {
        return shown(text, kept, false);
    }

    /** Whether {@code text[i]} is a backslash that begins {@code \u005cu}, which a value's escape begins with. */
    private static boolean beginsEscape(String text, int i) {
        return text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u';
    }

    private static String shown(String text, String kept, boolean backslashes) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && !(backslashes && c == '\\' && beginsEscape(text, i))) {
                if (shown != null) {
                    shown.append(c);
                }
                continue;
            }
            int codePoint = text.codePointAt(i);
            int units = Character.charCount(codePoint);
            // A backslash reaches here only where it begins "\\u" in a value: it is escaped.
            boolean escaped = c == '\\' || !shownAsItself(codePoint) && kept.indexOf(c) < 0;
            if (escaped && shown == null) {
                shown = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped) {
                escape(shown, codePoint);
            } else if (shown != null) {
                shown.append(text, i, i + units);
            }
            i += units - 1;
        }
        return shown == null ? text : shown.toString();
    }

    /**
     * Appends {@code c} as {@code \u005cuXXXX} (upper-case hexadecimal digits).
     *
     * @param to where to append, never {@code null}
     * @param c the character (a UTF-16 unit)
     */
    public static void escape(StringBuilder to, char c) {
        to.append('\\').append('u').append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }

    /**
     * Appends a code point as {@code \u005cuXXXX}, or as its two UTF-16 units {@code \u005cuXXXX\u005cuXXXX} when it
     * lies outside the Basic Multilingual Plane.
     *
     * @param to where to append, never {@code null}
     * @param codePoint the code point
     */
    public static void escape(StringBuilder to, int codePoint) {
        if (Character.isBmpCodePoint(codePoint)) {
            escape(to, (char) codePoint);
        } else {
            escape(to, Character.highSurrogate(codePoint));
            escape(to, Character.lowSurrogate(codePoint));
        }
    }
}
