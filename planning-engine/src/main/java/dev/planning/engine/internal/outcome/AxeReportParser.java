package dev.planning.engine.internal.outcome;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads axe-core accessibility results: the JSON object {@code axe.run()} resolves to
 * ({@code {"passes": [...], "violations": [...], "incomplete": [...], "inapplicable": [...]}}),
 * or an array of such objects, one per page, as {@code @axe-core/cli} and most runners save them.
 *
 * <p>Each rule result must be an object with an {@code id}; a violation's {@code impact} is one of
 * {@code critical}, {@code serious}, {@code moderate}, {@code minor} (in any case; another value, or
 * none, is refused: it would count under no impact the KPIs read), and its {@code nodes}, when given, an array
 * (anything else is refused at its line and column, never counted by its size). A file without {@code passes} and {@code violations} arrays is refused. Thread-safe.
 */
public final class AxeReportParser {

    /** The result groups of an axe results object. */
    static final List<String> GROUPS = List.of("passes", "violations", "incomplete", "inapplicable");

    /** The impacts axe-core gives a violation. */
    static final List<String> IMPACTS = List.of("critical", "serious", "moderate", "minor");

    private static final ObjectMapper JSON = JsonMappers.toolReportJson();

    /**
     * Parses a results file.
     *
     * @throws InvalidInputException naming the file (and line, for malformed JSON) when the file is
     *                               not axe-core results
     */
    public AccessibilityReport parse(byte[] content, String displayPath) {
        JsonNode root = readJson(content, displayPath);
        List<JsonNode> pages = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(pages::add);
        } else {
            pages.add(root);
        }
        if (pages.isEmpty()) {
            throw new InvalidInputException("the axe results array is empty: expected one results object per page",
                    SourceLocation.ofFile(displayPath));
        }
        // Every mistake of the file in one refusal, each at the value it is about (errors20: the first alone
        // was refused, at the file only).
        Map<String, SourceLocation> at = valueLocations(content, displayPath);
        ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
        int[] counts = new int[GROUPS.size()];
        Map<String, Integer> byImpact = new TreeMap<>();
        int nodes = 0;
        for (int p = 0; p < pages.size(); p++) {
            JsonNode page = pages.get(p);
            String where = root.isArray() ? "results[" + p + "]" : "the results object";
            String pointer = root.isArray() ? "/" + p : "";
            if (!isResults(page)) {
                mistakes.add(mistake(where + " is not axe-core results: expected an object with"
                        + " \"passes\" and \"violations\" arrays", at, pointer, displayPath));
                continue;
            }
            for (int g = 0; g < GROUPS.size(); g++) {
                JsonNode group = page.path(GROUPS.get(g));
                if (group.isMissingNode()) {
                    continue;
                }
                String groupPointer = pointer + "/" + GROUPS.get(g);
                if (!group.isArray()) {
                    mistakes.add(mistake(where + "." + GROUPS.get(g) + " must be an array of rule results", at,
                            groupPointer, displayPath));
                    continue;
                }
                for (int r = 0; r < group.size(); r++) {
                    JsonNode rule = group.get(r);
                    if (!rule.isObject() || !rule.path("id").isTextual()) {
                        mistakes.add(mistake(where + "." + GROUPS.get(g) + "[" + r
                                + "] is not a rule result: expected an object with a string \"id\"", at,
                                groupPointer + "/" + r, displayPath));
                        continue;
                    }
                    counts[g]++;
                    if (GROUPS.get(g).equals("violations")) {
                        // Only a known impact is counted where it belongs: "Critical " or a missing one
                        // would count under no impact the KPIs read (a11y_violations_critical) and pass.
                        String impact = rule.path("impact").isTextual()
                                ? rule.get("impact").asText().toLowerCase(Locale.ROOT) : null;
                        if (impact == null || !IMPACTS.contains(impact)) {
                            mistakes.add(mistake(where + ".violations[" + r + "] ("
                                    + Printable.line(rule.get("id").asText()) + ") has impact "
                                    + Printable.line(String.valueOf(rule.path("impact"))) + ": expected one of " + IMPACTS
                                    + ", as axe-core writes for every violation", at,
                                    groupPointer + "/" + r + (rule.has("impact") ? "/impact" : ""), displayPath));
                            continue;
                        }
                        JsonNode concerned = rule.path("nodes");
                        if (!concerned.isMissingNode() && !concerned.isArray()) {
                            // keys27: counted by its size (an object's fields), which is no count of elements.
                            mistakes.add(mistake(where + ".violations[" + r + "] ("
                                    + Printable.line(rule.get("id").asText()) + ") has nodes that is "
                                    + kind(concerned) + ": expected an array of the elements concerned, as axe-core"
                                    + " writes for every violation", at, groupPointer + "/" + r + "/nodes",
                                    displayPath));
                            continue;
                        }
                        byImpact.merge(impact, 1, Integer::sum);
                        nodes += concerned.size();
                    }
                }
            }
        }
        if (!mistakes.isEmpty()) {
            throw mistakes.exception("", SourceLocation.ofFile(displayPath));
        }
        return new AccessibilityReport(pages.size(), counts[0], counts[1], counts[2], counts[3], byImpact, nodes);
    }

    /** A JSON value's kind in words, never the value (it is the file's text). */
    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not an array";
        };
    }

    private static Finding mistake(String message, Map<String, SourceLocation> at, String pointer, String displayPath) {
        return Finding.error("outcome.invalid", message, at.getOrDefault(pointer, SourceLocation.ofFile(displayPath)));
    }

    /**
     * Where each value of a JSON text starts, by its JSON pointer ({@code /0/violations/2}): the tree
     * Jackson reads keeps no position. Empty when the text (parsed a moment ago) does not parse again.
     */
    static Map<String, SourceLocation> valueLocations(byte[] content, String displayPath) {
        Map<String, SourceLocation> values = new HashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(content)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    JsonLocation where = parser.currentTokenLocation();
                    if (where.getLineNr() > 0) {
                        // A value's own context is the container it stands in: its pointer names it there.
                        values.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                                new SourceLocation(displayPath, where.getLineNr(), Math.max(where.getColumnNr(), 1)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return values;
    }

    /** Whether a JSON value looks like an axe results object (used to detect the kind of a file). */
    static boolean isResults(JsonNode node) {
        return node.isObject() && node.path("passes").isArray() && node.path("violations").isArray();
    }

    /**
     * What was wrong, in this reader's words: Jackson's quote the token it stopped at (up to 256 characters), and
     * a file given to import may be no report at all (a git config, an INI file of credentials). Only a
     * punctuation mark found where it does not belong is shown; letters, digits and other text never are.
     */
    private static String malformed(JsonProcessingException e, byte[] content) {
        if (e instanceof JsonEOFException) {
            return ": the text ends inside a value (a truncated or partial report?); expected the rest of the value"
                    + " and the brackets that close it";
        }
        if (e instanceof StreamConstraintsException) {
            return ": nested deeper than " + JsonMappers.MAX_REPORT_DEPTH + " levels; expected the few levels of"
                    + " axe-core results";
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field ")) {
            return ": a key appears twice in one object; expected each key once";
        }
        if (message.startsWith("Trailing token")) {
            return ": text follows the JSON value; expected one value (one results object, or an array of them)";
        }
        JsonLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getByteOffset();
        String found = "";
        if (offset >= 0 && offset < content.length) {
            // The location is the refused character's own.
            char c = (char) (content[(int) offset] & 0xFF);
            if (c < 0x80 && PUNCTUATION.indexOf(c) >= 0) {
                found = " found '" + c + "' where";
            }
        }
        for (String expected : EXPECTED) {
            // Jackson's own words for what it expected, only these (the rest of its message quotes the file).
            if (message.endsWith("was expecting " + expected)) {
                return ":" + found + " expected " + expected + "; the text there is not shown";
            }
        }
        return ":" + found + " expected a JSON value (an object, array, \"string\", number, true, false or null) and"
                + " the commas, colons and brackets between values; the text there is not shown";
    }

    /** What Jackson says it expected, when it says one of these. */
    private static final List<String> EXPECTED = List.of("comma to separate Object entries",
            "comma to separate Array entries", "double-quote to start field name",
            "a colon to separate field name and value");

    /** The characters an error may show: JSON's own punctuation and marks that are never a name or a secret's letters. */
    private static final String PUNCTUATION = "{}[],:;=()<>'`";

    static JsonNode readJson(byte[] content, String displayPath) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new InvalidInputException("the file is empty: expected axe-core JSON results",
                        SourceLocation.ofFile(displayPath));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at != null && at.getLineNr() > 0
                    ? new SourceLocation(displayPath, at.getLineNr(), Math.max(at.getColumnNr(), 1))
                    : SourceLocation.ofFile(displayPath);
            // Not the cause: its message quotes the token it stopped at.
            throw new InvalidInputException("malformed JSON" + malformed(e, content), location);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the JSON: " + Shown.why(e), SourceLocation.ofFile(displayPath), e);
        }
    }
}
