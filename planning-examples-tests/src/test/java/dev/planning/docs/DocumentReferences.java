package dev.planning.docs;

import dev.planning.source.JavaText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the documents that comments, scripts and prose name by path, the way the code points a
 * reader at a measurement: {@code docs/benchmarks/cold-start.md, "Cold start, ninth pass"}. Each
 * Markdown file under {@code docs/} named in a comment of a Java source, a shell script or the
 * launcher, an XML comment, or the text of README.md or a top-level {@code docs/*.md} must be a file of the
 * repository; a quoted title right after it (a comma between them or not, the comment's line
 * breaks and markers {@code *}, {@code //}, {@code #} joined over) must begin a heading of that
 * file. So a section moved to another file, or renamed, cannot leave a reference to where it was.
 * Code itself and string literals are not read (tests build documents of made-up names).
 */
final class DocumentReferences {

    private static final Pattern REFERENCE =
            Pattern.compile("(?<![\\w/.-])(docs/[\\w./-]+\\.md)(?:,?\\s+\"([^\"]+)\")?");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", "resources");

    private final Path root;
    private final Map<Path, List<String>> headings = new HashMap<>();

    /** @param root the repository's directory: the named documents are relative to it */
    DocumentReferences(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The files whose comments or text are read: Java sources, shell scripts, the launcher
     * {@code bin/planning}, XML files, README.md and the top-level {@code docs/*.md} (not
     * {@code docs/benchmarks/}, a dated record whose passes name files as they were then); build
     * output, test resources and version control are skipped.
     */
    List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (kind(root.relativize(file)) != Kind.NONE) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * What is wrong with the documents {@code file} names, one line each ({@code file:line: what},
     * the line where the comment or paragraph starts); empty when nothing.
     */
    List<String> problems(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        String name = relative.toString().replace('\\', '/');
        List<String> problems = new ArrayList<>();
        for (Block block : blocks(kind(relative), lines(file))) {
            Matcher reference = REFERENCE.matcher(block.text());
            while (reference.find()) {
                String document = reference.group(1);
                Path target = root.resolve(document).normalize();
                if (!target.startsWith(root) || !Files.isRegularFile(target)) {
                    problems.add(name + ":" + block.line() + ": no such document: " + document);
                } else if (reference.group(2) != null && !beginsAHeading(target, reference.group(2))) {
                    problems.add(name + ":" + block.line() + ": no heading of " + document + " begins with \""
                            + reference.group(2) + "\"");
                }
            }
        }
        return problems;
    }

    private boolean beginsAHeading(Path markdown, String title) {
        String wanted = plain(title);
        return headings.computeIfAbsent(markdown, DocumentLinks::headings).stream()
                .anyMatch(heading -> plain(heading).startsWith(wanted));
    }

    private static String plain(String text) {
        return text.replace("`", "").replaceAll("\\s+", " ").strip();
    }

    private enum Kind { JAVA, SCRIPT, XML, MARKDOWN, NONE }

    private static Kind kind(Path relative) {
        String path = relative.toString().replace('\\', '/');
        String file = relative.getFileName().toString();
        if (file.endsWith(".java")) {
            return Kind.JAVA;
        }
        if (file.endsWith(".sh") || path.equals("bin/planning")) {
            return Kind.SCRIPT;
        }
        if (file.endsWith(".xml")) {
            return Kind.XML;
        }
        if (path.equals("README.md") || path.matches("docs/[^/]+\\.md")) {
            return Kind.MARKDOWN;
        }
        return Kind.NONE;
    }

    /** A run of comment lines (or a paragraph of prose) joined into one line, and where it starts. */
    record Block(int line, String text) {
    }

    /** The comments of a file of {@code kind} (its paragraphs for Markdown), each run of lines joined. */
    private static List<Block> blocks(Kind kind, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = 0;
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String comment = null;
            switch (kind) {
                case JAVA -> {
                    if (inComment || line.startsWith("/*")) {
                        inComment = !line.contains("*/");
                        comment = line.replaceFirst("^/\\*\\*?", "").replaceFirst("^\\*(?!/)", "")
                                .replaceFirst("\\*/.*$", "");
                    } else {
                        int slashes = JavaText.lineCommentStart(line);
                        comment = slashes < 0 ? null : line.substring(slashes + 2);
                    }
                }
                case SCRIPT -> {
                    int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
                    comment = hash < 0 ? null : line.substring(line.indexOf('#', hash) + 1);
                }
                case XML -> {
                    if (inComment || line.contains("<!--")) {
                        inComment = !line.contains("-->");
                        comment = line.replaceFirst("^.*<!--", "").replaceFirst("-->.*$", "");
                    }
                }
                case MARKDOWN -> {
                    if (line.startsWith("```")) {
                        inComment = !inComment;
                    } else if (!inComment && !line.isEmpty()) {
                        comment = line;
                    }
                }
                default -> throw new IllegalArgumentException(kind.toString());
            }
            if (comment == null) {
                if (!text.isEmpty()) {
                    blocks.add(new Block(start + 1, text.toString()));
                    text.setLength(0);
                }
            } else {
                if (text.isEmpty()) {
                    start = i;
                }
                text.append(' ').append(comment.strip());
            }
        }
        if (!text.isEmpty()) {
            blocks.add(new Block(start + 1, text.toString()));
        }
        return blocks;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
