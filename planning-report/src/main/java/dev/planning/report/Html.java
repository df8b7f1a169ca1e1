package dev.planning.report;

import dev.planning.api.Printable;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.ViolationSeverity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.owasp.encoder.Encode;

/**
 * Escaping by context (OWASP Java Encoder) and the page frame with its Content-Security-Policy.
 *
 * <p>Every value from the workspace goes through {@link #text} (HTML text, also inside inline SVG),
 * {@link #textOfShown} (text whose values were quoted where it was built: a message, a source file's line),
 * {@link #attr} (a quoted attribute value) or {@link #href} (a link the site itself generated, its
 * path segments and fragment URI-encoded). No workspace value ever becomes a URL, a tag or
 * attribute name, CSS or script: the pages carry no script at all, and the policy forbids any.
 */
final class Html {

    /** The one style sheet, inlined and allowed by its hash. */
    static final String CSS = Css.TEXT;

    /** The policy: nothing but the inlined style sheet may load or run. */
    static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'none'; "
            + "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

    private Html() {
    }

    /**
     * A value as HTML text content (also safe in a quoted attribute and in inline SVG text). Every
     * character {@link Printable} does not show as itself (C1 controls, line and paragraph separators,
     * bidirectional controls, zero-width and other format characters, which the encoder keeps and a
     * browser acts on or draws as nothing) is shown as {@code \u005cuXXXX}, and so is a backslash that
     * begins {@code \u005cu} ({@link #shown}); line feeds, carriage returns and tabs are kept.
     */
    static String text(String value) {
        return Encode.forHtml(shown(value));
    }

    /** A value as a quoted HTML attribute value (shown as {@link #text} shows it). */
    static String attr(String value) {
        return Encode.forHtmlAttribute(shown(value));
    }

    /**
     * Text already shown, its values quoted where it was built (an error's message, a discrepancy's or a finding's
     * {@code describe()}, a gate's finding's message), as HTML text content: as {@link #text}, its backslashes left as
     * they are ({@link #shownAgain}).
     */
    static String textOfShown(String shown) {
        return Encode.forHtml(shownAgain(shown));
    }

    /**
     * A value as the site shows it ({@link Printable#lines(String, String)}): keeping line feeds, carriage returns and
     * tabs, and a backslash that begins {@code \u005cu} written as its escape, so a title with the six characters
     * {@code \u005cu000A} reads otherwise than one holding a line feed (msg41: the page showed both as
     * {@code \u005cu000A}).
     */
    static String shown(String value) {
        return Printable.lines(value, KEPT);
    }

    /**
     * Text already shown as the site shows it ({@link Printable#shown(String, String)}): its escapes kept as they are,
     * which quoted again would show as the escape of a backslash (text40). A source file's text is shown so too: its
     * own escapes ({@code \u005cu00E9} in a JSON string) are the file's syntax, and its lines are kept as lines.
     */
    static String shownAgain(String shown) {
        return Printable.shown(shown, KEPT);
    }

    private static final String KEPT = "\n\r\t";

    /**
     * A link to a page of this site: {@code prefix} ("" or "../") and the page's path, its segments
     * URI-encoded, and an optional fragment.
     */
    static String href(String prefix, String page, String fragment) {
        StringBuilder out = new StringBuilder(prefix);
        String[] segments = page.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(Encode.forUriComponent(segments[i]));
        }
        if (!fragment.isEmpty()) {
            out.append('#').append(Encode.forUriComponent(fragment));
        }
        return attr(out.toString());
    }

    /** A number as the site shows it: at most two decimals, no trailing zeros, no locale. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    /** The page frame up to its body: {@link #pageEnd} closes it. */
    static void pageStart(PageOut out, String title, String prefix, String nav) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + attr(CSP) + "\">\n"
                + "<meta name=\"referrer\" content=\"no-referrer\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>").text(title).append("</title>\n<style>" + CSS + "</style>\n</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header class=\"site\"><nav aria-label=\"Site\"><a href=\"" + href(prefix, "index.html", "")
                + "\">Portfolio</a>" + nav + "</nav></header>\n"
                + "<main id=\"main\" tabindex=\"-1\">\n");
    }

    /** The page frame after its body, from {@link #pageStart}. */
    static void pageEnd(PageOut out, String footer) {
        out.append("</main>\n<footer class=\"site\">" + footer + "</footer>\n</body>\n</html>\n");
    }

    /** A status word with its badge; the word carries the meaning, the colour repeats it. */
    static String badge(String status) {
        String s = status.toUpperCase(Locale.ROOT);
        String cls = switch (s) {
            case "PASS", "ACCEPTED", "OK", "MET", "VERIFIED", "ACTIVE", "MEETS TARGET" -> "ok";
            case "FAIL", "REFUSED", "FAILED", "MISSING", "ERROR", "CRITICAL", "EXPIRED", "NOT COUNTED",
                 "UNSIGNED HISTORY", "UNKNOWN SEVERITY" -> "bad";
            case "WARN", "WARNING", "PENDING", "HIGH", "EXPIRING", "MISSES TARGET", "UNVERIFIED" -> "warn";
            default -> "info";
        };
        String mark = switch (cls) {
            case "ok" -> "\u2713 ";
            case "bad" -> "\u2717 ";
            case "warn" -> "! ";
            default -> "";
        };
        return "<span class=\"badge " + cls + "\">" + mark + text(s) + "</span>";
    }

    /**
     * A finding's or violation's severity, as the evidence file (the contributor's text) states it: a
     * severity the engine knows ({@link Severity}, {@link ViolationSeverity}, by exact name) as its
     * {@link #badge}; any other as "unknown severity", marked as a problem, its text beside it. The
     * badge's colour and mark come from the word, so a severity "PASS" would show a green tick.
     */
    static String severity(String value) {
        if (KNOWN_SEVERITIES.contains(value)) {
            return badge(value);
        }
        return badge("unknown severity") + " <code>" + text(value) + "</code>";
    }

    private static final Set<String> KNOWN_SEVERITIES = Stream.concat(Arrays.stream(Severity.values()),
            Arrays.stream(ViolationSeverity.values())).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    /**
     * A table inside a keyboard-scrollable region (narrow screens scroll it sideways), up to its rows:
     * {@link #tableEnd} closes it.
     */
    static void tableStart(PageOut out, String label, String head) {
        out.append("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"" + attr(label) + "\">"
                + "<table><thead><tr>" + head + "</tr></thead><tbody>\n");
    }

    /** Closes a table {@link #tableStart} began. */
    static void tableEnd(PageOut out) {
        out.append("</tbody></table></div>\n");
    }

    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
