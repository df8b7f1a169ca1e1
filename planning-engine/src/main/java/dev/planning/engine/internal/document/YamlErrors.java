package dev.planning.engine.internal.document;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.planning.api.DocumentException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns Jackson and SnakeYAML failures into {@link DocumentException}s a person can act on: the
 * position of the problem, what the parser expected, and a hint for the common mistakes.
 */
final class YamlErrors {

    /** Jackson's refusal of a number's length: {@code Number value length (1001) exceeds the maximum allowed (1000}. */
    private static final Pattern NUMBER_LENGTH = Pattern.compile(
            "^Number value length \\(([0-9]{1,9})\\) exceeds the maximum allowed \\(([0-9]{1,9})");

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private YamlErrors() {
    }

    /**
     * The failure as a located {@link DocumentException}; {@code text}, the text that was parsed, locates
     * a character YAML does not allow and names it (SnakeYAML's own words, "special characters are not
     * allowed", name neither).
     */
    static DocumentException translate(Exception failure, JsonParser parser, String file, int lineOffset, String text) {
        ReaderException unreadable = causeOf(failure, ReaderException.class);
        if (unreadable != null) {
            return notAllowed(unreadable, text, file, lineOffset);
        }
        if (failure instanceof AliasRefusingParser.RefusedAlias alias) {
            return new DocumentException(DocumentException.YAML_ALIAS, "YAML alias *" + alias.alias()
                    + " is not accepted in planning files: write the value out in full"
                    + " (aliases can hide exponential expansion)", at(alias.getLocation(), file, lineOffset));
        }
        if (failure instanceof StreamConstraintsException limits) {
            SourceLocation where = parser == null ? SourceLocation.ofFile(file)
                    : at(parser.currentLocation(), file, lineOffset);
            if (limits.getOriginalMessage().contains("nesting depth")) {
                return new DocumentException(DocumentException.YAML_TOO_DEEP, "the document nests deeper than "
                        + YamlDocuments.MAX_DEPTH + " levels of mappings and sequences", where);
            }
            Matcher number = NUMBER_LENGTH.matcher(String.valueOf(limits.getOriginalMessage()));
            if (number.find()) {
                // Jackson parses a number's digits (BigInteger's parsing is quadratic in them) only up to
                // its limit; past it the value is refused here, as a value too long, never read as text.
                return new DocumentException(DocumentException.YAML_VALUE_TOO_LONG, "a number of "
                        + String.format(Locale.ROOT, "%,d", Long.parseLong(number.group(1)))
                        + " characters, more than the " + String.format(Locale.ROOT, "%,d", Long.parseLong(number.group(2)))
                        + " a number may have; write it in quotes if it is text", where);
            }
            return new DocumentException(DocumentException.FILE_TOO_LARGE,
                    "the document exceeds a reading limit: " + firstLine(limits.getOriginalMessage()), where);
        }
        MarkedYAMLException marked = causeOf(failure, MarkedYAMLException.class);
        if (marked != null) {
            return syntax(marked, file, lineOffset);
        }
        if (failure instanceof JsonProcessingException processing) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(processing.getOriginalMessage()));
            JsonLocation location = parser != null ? parser.currentTokenLocation() : processing.getLocation();
            if (duplicate.matches()) {
                // The key is the file's, of any length and any characters (keys27): quoted as a planning file's
                // keys are in field names, cut after FieldPath.SHOWN_KEY_LENGTH characters, and escaped.
                return new DocumentException(DocumentException.YAML_DUPLICATE_KEY, "duplicate key `"
                        + Printable.line(FieldPath.name(List.of(duplicate.group(1))))
                        + "`: a key may appear only once in the same mapping",
                        at(location, file, lineOffset));
            }
            return new DocumentException(DocumentException.YAML_SYNTAX,
                    "malformed YAML: " + firstLine(processing.getOriginalMessage()), at(location, file, lineOffset));
        }
        org.yaml.snakeyaml.error.YAMLException yaml = causeOf(failure, org.yaml.snakeyaml.error.YAMLException.class);
        String detail = yaml != null ? yaml.getMessage() : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (detail != null && detail.contains("exceeds the limit")) {
            return new DocumentException(DocumentException.FILE_TOO_LARGE, "the document exceeds the limit of "
                    + YamlDocuments.MAX_BYTES + " characters", SourceLocation.ofFile(file));
        }
        return new DocumentException(DocumentException.YAML_SYNTAX, "malformed YAML: " + firstLine(detail),
                SourceLocation.ofFile(file));
    }

    /**
     * A character YAML does not allow anywhere (controls but tab and line ends, DEL, C1 but NEL, U+FFFE,
     * U+FFFF), named as {@link Printable} shows it and located at the first such character of the text,
     * which is the one SnakeYAML refused (it reads the stream in order).
     */
    private static DocumentException notAllowed(ReaderException refused, String text, String file, int lineOffset) {
        int codePoint = refused.getCodePoint();
        SourceLocation where = SourceLocation.ofFile(file);
        if (text != null) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                if (!StreamReader.isPrintable(c)) {
                    codePoint = c;
                    where = new SourceLocation(file, line + lineOffset, column);
                    break;
                }
                if (c == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
                i += Character.charCount(c);
            }
        }
        String kind = Character.getType(codePoint) == Character.CONTROL ? "the control character " : "the character ";
        return new DocumentException(DocumentException.YAML_SYNTAX, "malformed YAML: " + kind
                + Printable.line(new String(Character.toChars(codePoint))) + " is not allowed in a YAML file; expected text: remove it (it may have come with"
                + " a copy and paste)", where);
    }

    static DocumentException secondDocument(JsonParser parser, String file, int lineOffset) {
        return new DocumentException(DocumentException.YAML_SYNTAX,
                "a second YAML document starts here; expected exactly one document per file"
                        + " (remove the extra `---` separator)",
                at(parser.currentTokenLocation(), file, lineOffset));
    }

    private static DocumentException syntax(MarkedYAMLException marked, String file, int lineOffset) {
        Mark problemMark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
        if (marked.getContextMark() != null && endOfStream(marked.getProblem())) {
            // A quote or bracket left open runs to the end of the file: the mistake is where it opened.
            problemMark = marked.getContextMark();
        }
        SourceLocation where = problemMark == null ? SourceLocation.ofFile(file)
                : new SourceLocation(file, problemMark.getLine() + 1 + lineOffset, problemMark.getColumn() + 1);
        StringBuilder message = new StringBuilder("malformed YAML: ")
                .append(clean(marked.getProblem() != null ? marked.getProblem() : marked.getContext()));
        if (marked.getContext() != null && marked.getContextMark() != null && marked.getProblem() != null) {
            message.append(" (").append(clean(marked.getContext())).append(" that starts at line ")
                    .append(marked.getContextMark().getLine() + 1 + lineOffset).append(", column ")
                    .append(marked.getContextMark().getColumn() + 1).append(')');
        }
        String hint = hint(String.valueOf(marked.getProblem()) + " " + String.valueOf(marked.getContext()));
        if (hint != null) {
            message.append("; ").append(hint);
        }
        return new DocumentException(DocumentException.YAML_SYNTAX, message.toString(), where);
    }

    private static boolean endOfStream(String problem) {
        String text = String.valueOf(problem).toLowerCase(Locale.ROOT);
        return text.contains("end of stream") || text.contains("<stream end>");
    }

    private static String hint(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        if (text.contains("(tab)")) {
            return "replace the tab with spaces";
        }
        if (text.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or check the indentation of this key";
        }
        if (text.contains("could not find expected ':'")) {
            return "each line of a mapping needs the form `key: value`";
        }
        if (text.contains("expected <block end>")) {
            return "check the indentation: the entries of one list or mapping must start in the same column";
        }
        if (text.contains("end of stream") || text.contains("stream end")) {
            return "a quote or bracket is not closed";
        }
        return null;
    }

    /**
     * The parser's words in the user's: its token names ({@code '?'}, {@code <block end>}) and its
     * tab message, which blames indentation even for a tab after {@code key:}.
     */
    private static String clean(String snakeYamlText) {
        String text = snakeYamlText.replace("\\t(TAB)", "tab").replace("\t", "\\t").replaceAll("\\s+", " ").trim();
        if (text.contains("'tab' that cannot start any token")) {
            return "a tab character where YAML allows only spaces (a tab may neither indent a line nor separate"
                    + " `key:` from its value)";
        }
        for (String[] token : TOKENS) {
            text = text.replace(token[0], token[1]);
        }
        return text;
    }

    /** SnakeYAML's token names and what they are to a person writing the file. */
    private static final String[][] TOKENS = {
        {"'?'", "a key"}, {"'<block end>'", "the end of the indented block"}, {"<block end>", "the end of the indented block"},
        {"'<scalar>'", "a value"}, {"<scalar>", "a value"}, {"'<block mapping start>'", "the start of a mapping"},
        {"'<block sequence start>'", "the start of a list"}, {"'<block sequence entry>'", "a list entry `-`"},
        {"'-'", "a list entry `-`"}, {"'<document start>'", "a document start `---`"},
        {"<document start>", "a document start `---`"}, {"'<stream end>'", "the end of the file"},
        {"'<flow mapping end>'", "a closing `}`"}, {"'<flow sequence end>'", "a closing `]`"}, {"'<anchor>'", "an anchor `&`"},
        {"'<alias>'", "an alias `*`"}, {"'<tag>'", "a tag `!`"}, {"'<flow entry>'", "a comma"}, {"'<flow mapping start>'", "a `{`"},
        {"'<flow sequence start>'", "a `[`"}, {"'<key>'", "a key"}, {"'<value>'", "a `:`"},
    };

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown problem";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    private static SourceLocation at(JsonLocation location, String file, int lineOffset) {
        if (location == null || location.getLineNr() <= 0) {
            return SourceLocation.ofFile(file);
        }
        return new SourceLocation(file, location.getLineNr() + lineOffset, Math.max(location.getColumnNr(), 0));
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
