package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.engine.internal.report.CommandJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The public JSON entry point writes what its Javadoc promises, with the engine's one mapper. */
class PlanningJsonTest {

    record Summary(String cycle, boolean passed, List<String> gates) {
    }

    record Annotated(@JsonProperty("manifest_id") String manifestId, Optional<String> present, Optional<String> empty,
            @JsonInclude(JsonInclude.Include.NON_NULL) String left, Map<String, Object> facts, long big, double ratio) {
    }

    @Test
    void writesTheJavadocExampleAsIndentedJsonWithoutATrailingLineBreak() {
        assertThat(PlanningJson.write(new Summary("fe/2025-09-02", true, List.of("schema_lint"))))
                .isEqualTo("{\n  \"cycle\" : \"fe/2025-09-02\",\n  \"passed\" : true,\n  \"gates\" : [ \"schema_lint\" ]\n}");
    }

    @Test
    void honoursAnnotationsWritesOptionalsAsTheirValueAndKeepsMapOrder() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("z", "ü \"q\"");
        facts.put("a", null);

        String json = PlanningJson.write(new Annotated("m-1", Optional.of("yes"), Optional.empty(), null, facts,
                5_000_000_000L, 0.5));

        assertThat(json).isEqualTo("""
                {
                  "manifest_id" : "m-1",
                  "present" : "yes",
                  "empty" : null,
                  "facts" : {
                    "z" : "ü \\"q\\"",
                    "a" : null
                  },
                  "big" : 5000000000,
                  "ratio" : 0.5
                }""");
    }

    @Test
    void writesNullAndPlainValues() {
        assertThat(PlanningJson.write(null)).isEqualTo("null");
        assertThat(PlanningJson.write(List.of(1, "a", true))).isEqualTo("[ 1, \"a\", true ]");
    }

    @Test
    void refusesAValueWithNoJsonFormNamingItsType() {
        assertThatThrownBy(() -> PlanningJson.write(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("as JSON");
    }

    @Test
    void writesWhatTheCommandLinePrintsALoneSurrogateAsAReplacementCharacter() {
        Map<String, String> hostile = Map.of("k\ud800", "a\u2028b \udfff \u202e \u001b \ud83d\ude00 \u0085");

        // The engine's one writer of --format json: an embedder gets the command line's bytes.
        assertThat(PlanningJson.write(hostile)).isEqualTo(CommandJson.write(hostile))
                .isEqualTo("{\n  \"k\ufffd\" : \"a\\u2028b \ufffd \\u202E \\u001B \ud83d\ude00 \\u0085\"\n}");
    }
}
