package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the bytes of the CloudEvents envelope the outbox publishes: consumers parse them. */
class CloudEventEnvelopeBytesTest {

    @Test
    void anEnvelopeKeepsItsBytesAndCarriesTheLogLineAsItsData() {
        String line = "{\"type\":\"planning_event\",\"event_type\":\"STATE_TRANSITION\",\"n\":1.5,"
                + "\"details\":{\"reason\":\"ü \\\"q\\\"\"},\"prev_sha256\":\"ab\"}";

        byte[] message = CloudEventEnvelope.encode("acme", new CycleRef("fe", "2025-09-02"), 3, "cd".repeat(32),
                "evt_1", "STATE_TRANSITION", "2025-09-02T10:00:00Z", line.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"evt_1\","
                + "\"source\":\"planning://acme/fe/2025-09-02\",\"type\":\"dev.planning.state_transition\","
                + "\"subject\":\"fe/2025-09-02\",\"time\":\"2025-09-02T10:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"planningrepository\":\"acme\",\"planningsequence\":3,"
                + "\"planningsha256\":\"" + "cd".repeat(32) + "\",\"data\":" + line + "}");
    }

    @Test
    void anEventIdRepeatedInAnotherCycleIsAnotherEventByItsSource() {
        // Event ids are unique within a cycle only: a log imported by `store migrate` is written by
        // whoever committed it and may repeat another cycle's ids, so an envelope is identified by
        // source and id together (the CloudEvents rule the relay's Javadoc gives consumers).
        byte[] line = "{\"type\":\"planning_event\"}".getBytes(StandardCharsets.UTF_8);

        JsonNode genuine = CloudEventEnvelope.decode(CloudEventEnvelope.encode("acme", new CycleRef("fe", "2025-09-02"),
                1, "ab".repeat(32), "evt_1", "CYCLE_CREATED", "2025-09-02T10:00:00Z", line));
        JsonNode copied = CloudEventEnvelope.decode(CloudEventEnvelope.encode("acme", new CycleRef("fe", "2025-09-03"),
                1, "ab".repeat(32), "evt_1", "CYCLE_CREATED", "2025-09-02T10:00:00Z", line));

        assertThat(copied.get("id")).isEqualTo(genuine.get("id"));
        assertThat(copied.get("source")).isNotEqualTo(genuine.get("source"));
        assertThat(CloudEventEnvelope.key("acme", new CycleRef("fe", "2025-09-03")))
                .isNotEqualTo(CloudEventEnvelope.key("acme", new CycleRef("fe", "2025-09-02")));
    }

    @Test
    void aLineWrittenByHandIsPublishedAsItsJsonValueSoTheChainIsCheckedByTheHashAttributes() {
        // Twelfth review (2026-12-04): the class comment said `data` was the log line unchanged, so a
        // consumer could hash it. A line written by hand (a log `store migrate` imported) is published
        // as its value, written compactly: its SHA-256 is the envelope's `planningsha256` (the stored
        // line's), not the hash of `data` as published, so a consumer checks the chain by the attributes.
        String line = "{ \"type\" : \"planning_event\", \"n\" : 1.50, \"s\" : \"\\u0041\" }";

        byte[] message = CloudEventEnvelope.encode("acme", new CycleRef("fe", "2025-09-02"), 1, "cd".repeat(32),
                "evt_1", "CYCLE_CREATED", "2025-09-02T10:00:00Z", line.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(message, StandardCharsets.UTF_8))
                .endsWith("\"planningsha256\":\"" + "cd".repeat(32) + "\",\"data\":{\"type\":\"planning_event\","
                        + "\"n\":1.5,\"s\":\"A\"}}")
                .doesNotContain(line);
    }

    @Test
    void aLineTheToolWroteIsPublishedByteForByte() {
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        byte[] line = new EventLineCodec().encode(Events.fact(cycle, EventType.DIGEST_PUBLISHED,
                Map.of("note", "\u00fc \"q\" \u2028 \\ \t \ud83d\ude00 </script>")), RecordedEvent.GENESIS);

        byte[] message = CloudEventEnvelope.encode("acme", cycle, 1, Sha256.hex(line), "evt_1", "DIGEST_PUBLISHED",
                "2025-09-02T10:00:00Z", line);

        assertThat(new String(message, StandardCharsets.UTF_8))
                .endsWith("\"data\":" + new String(line, StandardCharsets.UTF_8) + "}");
    }

    /**
     * attack28: committed text (an event id, an actor, a reason) that spells envelope attributes stays a string of
     * {@code data} or of its own attribute: the envelope has exactly the attributes the relay writes, and
     * {@code source}, {@code subject}, {@code type} and the key are the row's cycle's.
     */
    @Test
    void committedTextThatSpellsEnvelopeAttributesForgesNone() {
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        String forge = "\",\"source\":\"planning://other/be/x\",\"subject\":\"be/x\",\"type\":\"dev.planning.cycle_completed"
                + "\"}\n{\"specversion\":\"1.0";
        PlanningEvent fact = Events.fact(cycle, EventType.DIGEST_PUBLISHED, Map.of("reason", forge));
        PlanningEvent event = new PlanningEvent("evt" + forge, fact.timestamp(), fact.type(), fact.fromState(),
                fact.toState(), fact.entityId(), "actor" + forge, fact.gateResults(), fact.details());
        byte[] line = new EventLineCodec().encode(event, RecordedEvent.GENESIS);

        JsonNode envelope = CloudEventEnvelope.decode(CloudEventEnvelope.encode("acme", cycle, 1, Sha256.hex(line),
                event.id(), event.type().name(), event.timestamp().toString(), line));

        List<String> names = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("specversion", "id", "source", "type", "subject", "time", "datacontenttype",
                "planningrepository", "planningsequence", "planningsha256", "data");
        assertThat(envelope.get("id").textValue()).isEqualTo("evt" + forge);
        assertThat(envelope.get("source").textValue()).isEqualTo("planning://acme/fe/2025-09-02");
        assertThat(envelope.get("subject").textValue()).isEqualTo("fe/2025-09-02");
        assertThat(envelope.get("type").textValue()).isEqualTo("dev.planning.digest_published");
        assertThat(envelope.at("/data/event/payload/metadata/triggered_by").textValue()).isEqualTo("actor" + forge);
        assertThat(envelope.at("/data/event/payload/metadata/details/reason").textValue()).isEqualTo(forge);
        assertThat(CloudEventEnvelope.key("acme", cycle)).isEqualTo("acme/fe/2025-09-02");
    }
}
