package dev.planning.engine.internal.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Refuses names of a rulebook's settings that differ only in case or surrounding blanks
 * ({@code Security} and {@code security}), each pair once, at the later name with the earlier's place.
 *
 * <p>Tags match taxonomy keys ignoring both ({@link TagTaxonomy#foldKey(String)}, which folds every mapping's
 * keys here too), so two such taxonomy keys are one key with two lists, and which list judges a tag would
 * depend on their order.
 * Thresholds and profiles are looked up by their exact name: there the engine reads one and a reviewer of
 * the settings, who reads them as one name, may read the other. (Stream names are lower case by the schema.)
 */
final class CaseFoldedKeys {

    /** Each settings mapping whose keys are names, what one of its keys is, and why two alike ones are refused. */
    private static final List<Named> NAMED = List.of(
            new Named("taxonomy", "taxonomy key",
                    "tags match taxonomy keys ignoring case and surrounding blanks, so a tag would be judged by one list"
                            + " of allowed values and not the other"),
            new Named("thresholds", "threshold", "the engine reads the exact name, so one of them would be read"
                    + " and the other, which a reader takes for the same setting, ignored"),
            new Named("profiles", "profile", "streams name profiles by their exact name, so a reader could take one"
                    + " profile for the other"));

    /**
     * One settings mapping whose keys are names.
     *
     * @param field the mapping's field in {@code rulebook.yaml}
     * @param what what one of its keys is, for the message
     * @param why why two keys alike but for case or blanks are refused
     */
    private record Named(String field, String what, String why) {
    }

    private CaseFoldedKeys() {
    }

    /** Adds a mistake for each key of the named settings alike to an earlier one of the same mapping. */
    static void check(LocatedDocument document, List<InvalidInputException> mistakes) {
        for (Named named : NAMED) {
            JsonNode mapping = document.root().path(named.field());
            Map<String, String> seen = new HashMap<>();
            for (Iterator<String> keys = mapping.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                String first = seen.putIfAbsent(TagTaxonomy.foldKey(key), key);
                if (first != null) {
                    SourceLocation firstAt = document.locateKey(pointer(named.field(), first));
                    mistakes.add(new InvalidInputException(named.what() + " '" + Printable.line(key) + "' and '" + Printable.line(first) + "' (at " + firstAt
                            + ") differ only in case or surrounding blanks: " + named.why() + "; keep one of them",
                            document.locateKey(pointer(named.field(), key))));
                }
            }
        }
    }

    private static String pointer(String field, String key) {
        return "/" + field + "/" + key.replace("~", "~0").replace("/", "~1");
    }
}
