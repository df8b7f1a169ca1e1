package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.serialization.node.TokenStreamLocationAware;
import dev.planning.api.SourceLocation;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed YAML document that remembers where each of its nodes was written.
 *
 * <pre>{@code
 * LocatedDocument doc = YamlDocuments.read(file, "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
 * doc.root().path("tasks").size();
 * doc.locate("/tasks/1/owner");   // frameworks/...yaml:14:12
 * }</pre>
 *
 * <p>The tree is shared, not copied: callers must not modify {@link #root()}.
 */
public final class LocatedDocument {

    private final String file;
    private final JsonNode root;
    private final int lineOffset;
    private final String text;
    private volatile Map<String, SourceLocation> keys;

    /**
     * @param file       the display path findings name, never {@code null}
     * @param root       the tree, built with location-aware nodes
     * @param lineOffset lines to add to the parser's line numbers (front matter starts below line 1)
     */
    LocatedDocument(String file, JsonNode root, int lineOffset) {
        this(file, root, lineOffset, null);
    }

    /**
     * @param text the YAML text the tree was read from, to locate mapping keys; {@code null} when
     *             keys are located by their values
     */
    LocatedDocument(String file, JsonNode root, int lineOffset, String text) {
        this.file = Objects.requireNonNull(file, "file");
        this.root = Objects.requireNonNull(root, "root");
        this.lineOffset = lineOffset;
        this.text = text;
    }

    /** The YAML text the tree was read from, when kept; {@code null} otherwise. */
    String text() {
        return text;
    }

    /** Lines added to the parser's line numbers. */
    int lineOffset() {
        return lineOffset;
    }

    /** The display path of the file, as findings name it. */
    public String file() {
        return file;
    }

    /** The document's root node; never {@code null}. */
    public JsonNode root() {
        return root;
    }

    /**
     * A document of the same file whose root is another tree, typically a wrapper built around
     * nodes of this document (to validate a {@code tasks} list written inside a rule test against
     * the task-breakdown schema). Nodes taken from this document keep their exact locations;
     * nodes made up for the wrapper locate the file.
     *
     * @param root the new root, never {@code null}; must not be modified afterwards
     */
    public LocatedDocument withRoot(JsonNode root) {
        return new LocatedDocument(file, root, lineOffset, text);
    }

    /** A location naming only this document's file. */
    public SourceLocation fileLocation() {
        return SourceLocation.ofFile(file);
    }

    /**
     * Where the node at a JSON pointer (e.g. {@code /tasks/3/owner}) was written. When the pointer
     * names nothing (a missing field), the nearest existing parent is located instead; an invalid
     * pointer locates the root.
     */
    public SourceLocation locate(String jsonPointer) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(jsonPointer);
        } catch (IllegalArgumentException e) {
            pointer = JsonPointer.empty();
        }
        JsonNode node = root.at(pointer);
        while (node.isMissingNode() && !pointer.matches()) {
            pointer = pointer.head();
            node = root.at(pointer);
        }
        return locate(node.isMissingNode() ? root : node);
    }

    /**
     * Where the key of the mapping entry at a JSON pointer was written (for {@code /tasks/3/colour},
     * the {@code colour} of {@code colour: blue}, not {@code blue}); {@link #locate(String)} when
     * the pointer names no mapping key of the text (an array entry, a missing field) or the
     * document was not read from text.
     */
    public SourceLocation locateKey(String jsonPointer) {
        if (text == null) {
            return locate(jsonPointer);
        }
        Map<String, SourceLocation> known = keys;
        if (known == null) {
            known = YamlDocuments.keyLocations(text, file, lineOffset);
            keys = known;
        }
        SourceLocation key = known.get(jsonPointer);
        return key != null ? key : locate(jsonPointer);
    }

    /** Where a node of this document was written; the file alone when the node has no position. */
    public SourceLocation locate(JsonNode node) {
        if (node instanceof TokenStreamLocationAware aware && aware.tokenStreamLocation() != null) {
            JsonLocation location = aware.tokenStreamLocation();
            int line = location.getLineNr();
            int column = location.getColumnNr();
            if (line > 0) {
                return new SourceLocation(file, line + lineOffset, Math.max(column, 0));
            }
        }
        return fileLocation();
    }
}
