package dev.planning.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks the links of a Markdown document of the repository as a code host renders them: a
 * relative link must name a file or directory of the repository, and its {@code #fragment} a
 * heading of the Markdown file it names (GitHub's anchors: lower case, punctuation dropped, spaces
 * as hyphens, {@code -1}, {@code -2} for repeats); a bare {@code www.} name outside a link and
 * code, which GitHub turns into a link of its own, is reported too.
 */
final class DocumentLinks {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern BARE_WWW = Pattern.compile("(?<![\\w/.@-])www\\.[A-Za-z0-9-]+\\.[A-Za-z]{2,}");
    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    /** @param root the repository's directory: links may not leave it */
    DocumentLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** What is wrong with the links of {@code document}, one line each ({@code file:line: what}); empty when nothing. */
    List<String> problems(Path document) {
        Path doc = document.toAbsolutePath().normalize();
        String name = root.relativize(doc).toString().replace('\\', '/');
        List<String> problems = new ArrayList<>();
        parse(doc).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                check(link, link.getDestination());
                // The text of a link is no bare name: not visited.
            }

            @Override
            public void visit(Image image) {
                check(image, image.getDestination());
            }

            @Override
            public void visit(Text text) {
                var bare = BARE_WWW.matcher(text.getLiteral());
                while (bare.find()) {
                    problems.add(name + ":" + line(text) + ": bare www name becomes a link: " + bare.group()
                            + " (write it as a link or in backquotes)");
                }
            }

            private void check(Node node, String destination) {
                String problem = problem(doc, destination);
                if (problem != null) {
                    problems.add(name + ":" + line(node) + ": " + problem + ": " + destination);
                }
            }
        });
        return problems;
    }

    private String problem(Path doc, String destination) {
        if (destination.isEmpty() || SCHEME.matcher(destination).matches()) {
            return null;
        }
        int hash = destination.indexOf('#');
        String path = hash < 0 ? destination : destination.substring(0, hash);
        String fragment = hash < 0 ? "" : destination.substring(hash + 1);
        Path target = doc;
        if (!path.isEmpty()) {
            target = doc.getParent().resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8))
                    .normalize();
            if (!target.startsWith(root)) {
                return "link leaves the repository";
            }
            if (!Files.exists(target)) {
                return "no such file";
            }
        }
        if (!fragment.isEmpty() && target.toString().endsWith(".md") && !anchorsOf(target).contains(fragment)) {
            return "no such heading in " + root.relativize(target).toString().replace('\\', '/');
        }
        return null;
    }

    private Set<String> anchorsOf(Path markdown) {
        return anchors.computeIfAbsent(markdown, file -> {
            Set<String> found = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            parse(file).accept(new AbstractVisitor() {
                @Override
                public void visit(Heading heading) {
                    String slug = slug(textOf(heading));
                    int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                    found.add(repeat == 0 ? slug : slug + "-" + repeat);
                }
            });
            return found;
        });
    }

    /** The text of every heading of a Markdown file, in order (inline code as its text, no markup). */
    static List<String> headings(Path markdown) {
        List<String> found = new ArrayList<>();
        parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                found.add(textOf(heading));
            }
        });
        return found;
    }

    /** GitHub's anchor for a heading's text. */
    static String slug(String heading) {
        StringBuilder slug = new StringBuilder();
        heading.strip().toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private static Node parse(Path file) {
        try {
            return PARSER.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int line(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.getSourceSpans().isEmpty()) {
                return n.getSourceSpans().get(0).getLineIndex() + 1;
            }
        }
        return 0;
    }
}
