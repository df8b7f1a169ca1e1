package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack27: every page of a report over a workspace whose titles, owners, descriptions, waiver
 * reasons, approvers and actor carry markup, event attributes, {@code javascript:} and {@code data:}
 * text, CSS and bidirectional controls, read as markup (each {@code <} a tag, each attribute by its
 * name): only the tags and attributes the site writes itself appear, every attribute value is
 * double-quoted, every link is a page of the site or a fragment (no scheme), and the one style
 * element is the site's own sheet. An allow-list on the parsed markup, so a value that escaped its
 * context in any way (a tag, an attribute, an unquoted value, a URL) fails here, wherever it lands.
 */
class SiteMarkupAllowListTest {

    private static final Set<String> TAGS = Set.of("html", "head", "meta", "title", "style", "body", "a", "header",
            "nav", "main", "footer", "h1", "h2", "h3", "p", "section", "article", "div", "span", "strong", "code", "pre",
            "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption",
            "br", "svg", "line", "rect", "circle", "polyline", "text");
    private static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class",
            "href", "id", "tabindex", "role", "aria-label", "aria-labelledby", "scope", "colspan", "viewbox", "width",
            "height", "xmlns", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "fill", "stroke", "stroke-width",
            "stroke-dasharray", "points", "text-anchor", "font-size", "font-weight");
    static final String PAYLOAD = "\"'><img src=x onerror=alert(1)><style>*{background:url(//evil.example/x)}</style>"
            + "<a href=\"javascript:alert(2)\">j</a><a href=data:text/html,<script>alert(3)</script>>d</a>\u202e";

    @TempDir
    static Path dir;

    static Map<String, byte[]> site;

    @BeforeAll
    static void render() throws IOException {
        PlanningWorkspace workspace = HostileWorkspace.create(dir.resolve("ws"));
        // After the refusal: owners and descriptions the plan section and the source view show.
        Path plan = dir.resolve("ws").resolve(HostileWorkspace.PLAN);
        String text = Files.readString(plan, StandardCharsets.UTF_8).replace("owner: alice", "owner: " + yaml(PAYLOAD))
                .replace("description: Rebuild", "description: " + yaml(PAYLOAD) + " # Rebuild");
        Files.writeString(plan, text, StandardCharsets.UTF_8);
        site = HtmlReport.builder(workspace).asOf(LocalDate.parse("2025-09-20")).build().render();
    }

    @Test
    void everyPageHoldsOnlyTheSitesOwnTagsAttributesAndLinks() {
        assertThat(site).hasSizeGreaterThan(2);
        site.forEach((path, bytes) -> {
            String html = new String(bytes, StandardCharsets.UTF_8);
            List<String> wrong = problems(html);
            assertThat(wrong).as(path).isEmpty();
            assertThat(html).as(path).doesNotContain("\u202e");
        });
        // The payload reached the pages as text: the plan's owners on the cycle page, its description in the source view.
        assertThat(new String(site.get("cycles/fe_2025-09-02.html"), StandardCharsets.UTF_8))
                .contains("<td>&#34;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;style&gt;", "\\u202E");
        assertThat(site.entrySet()).anyMatch(e -> e.getKey().startsWith("source/")
                && new String(e.getValue(), StandardCharsets.UTF_8).contains("&lt;a href=&#34;javascript:alert(2)&#34;&gt;"));
    }

    @Test
    void theCheckFindsEachWayOutOfAValuesContext() {
        String sheet = "<style>" + Html.CSS + "</style>";
        assertThat(problems(sheet + "<p>a</p>")).isEmpty();
        assertThat(problems(sheet + "<img src=\"x\">")).contains("tag <img>", "attribute src on <img>");
        assertThat(problems(sheet + "<p onclick=\"x\">")).contains("attribute onclick on <p>");
        assertThat(problems(sheet + "<p class=x>")).contains("attribute class on <p> without a double-quoted value");
        assertThat(problems(sheet + "<a href=\"javascript:x\">")).contains("link javascript:x");
        assertThat(problems(sheet + "<a href=\"//evil.example/\">")).contains("link //evil.example/");
        assertThat(problems(sheet + "<style>p{}</style>")).contains("a style element that is not the site's sheet",
                "2 style elements");
    }

    /** Each tag, attribute and link of {@code html} outside the allow-lists, or a value not double-quoted. */
    static List<String> problems(String html) {
        List<String> wrong = new ArrayList<>();
        int styles = 0;
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0) {
            i++;
            if (html.startsWith("!DOCTYPE html>", i)) {
                continue;
            }
            boolean closing = html.startsWith("/", i);
            int start = closing ? i + 1 : i;
            int end = start;
            while (end < html.length() && (Character.isLetterOrDigit(html.charAt(end)))) {
                end++;
            }
            String tag = html.substring(start, end).toLowerCase(Locale.ROOT);
            if (!TAGS.contains(tag)) {
                wrong.add("tag <" + (closing ? "/" : "") + tag + ">");
            }
            if (tag.equals("style") && !closing) {
                styles++;
                int close = html.indexOf("</style>", end);
                if (close < 0 || !html.substring(html.indexOf('>', end) + 1, close).equals(Html.CSS)) {
                    wrong.add("a style element that is not the site's sheet");
                }
            }
            i = end;
            // Attributes up to '>' or '/>'.
            while (i < html.length()) {
                char c = html.charAt(i);
                if (c == '>') {
                    i++;
                    break;
                }
                if (c == '/' && html.startsWith("/>", i)) {
                    i += 2;
                    break;
                }
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int nameEnd = i;
                while (nameEnd < html.length() && "= \t\n>/".indexOf(html.charAt(nameEnd)) < 0) {
                    nameEnd++;
                }
                String attribute = html.substring(i, nameEnd).toLowerCase(Locale.ROOT);
                if (closing || !ATTRIBUTES.contains(attribute)) {
                    wrong.add("attribute " + attribute + " on <" + tag + ">");
                }
                if (nameEnd >= html.length() || html.charAt(nameEnd) != '=' || nameEnd + 1 >= html.length()
                        || html.charAt(nameEnd + 1) != '"') {
                    wrong.add("attribute " + attribute + " on <" + tag + "> without a double-quoted value");
                    i = nameEnd + 1;
                    continue;
                }
                int valueEnd = html.indexOf('"', nameEnd + 2);
                String value = html.substring(nameEnd + 2, valueEnd);
                if (attribute.equals("href") && !(value.startsWith("#") || value.matches("(\\.\\./)?[A-Za-z0-9_%./-]+"
                        + "(#[A-Za-z0-9_%-]*)?") && !value.contains(":") && !value.startsWith("//"))) {
                    wrong.add("link " + value);
                }
                i = valueEnd + 1;
            }
        }
        if (styles != 1) {
            wrong.add(styles + " style elements");
        }
        return wrong;
    }

    private static String yaml(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
