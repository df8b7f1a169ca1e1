package dev.planning.engine.internal.rulebook;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a {@link Rulebook} that its settings ({@code rulebook.yaml}) decide, written as plain
 * data and read back: what {@link RulebookLoader} keeps across runs for settings that validated
 * ({@link RulebookLoader.KeptSettings}). Only strings, counts, enum names and doubles are written; no
 * class is named or instantiated from the bytes, so reading them is not deserialization.
 *
 * <p>{@link #decode} is strict: a wrong format line, a count larger than the bytes left, text that is
 * not UTF-8, an unknown state or direction, bytes left over, or a model the {@link Rulebook} record
 * refuses: empty, which the loader takes as "parse and validate the settings again".
 */
final class SettingsCodec {

    /** The first field of every payload; a new layout changes it. */
    static final String FORMAT = "planning-rulebook-settings 1";

    private SettingsCodec() {
    }

    /** The settings-decided fields of {@code rulebook} (not its directory, hash or rule files). */
    static byte[] encode(Rulebook rulebook) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, FORMAT);
            text(out, rulebook.version());
            out.writeInt(rulebook.profiles().size());
            for (Map.Entry<String, GateProfile> profile : rulebook.profiles().entrySet()) {
                text(out, profile.getKey());
                text(out, profile.getValue().name());
                out.writeInt(profile.getValue().steps().size());
                for (GateStep step : profile.getValue().steps()) {
                    text(out, step.from().name());
                    text(out, step.to().name());
                    texts(out, step.gates());
                    text(out, step.onFailure().map(CycleState::name).orElse(""));
                }
            }
            out.writeInt(rulebook.streamProfiles().size());
            for (Map.Entry<String, String> stream : rulebook.streamProfiles().entrySet()) {
                text(out, stream.getKey());
                text(out, stream.getValue());
            }
            text(out, rulebook.defaultProfile());
            out.writeInt(rulebook.taxonomy().size());
            for (Map.Entry<String, List<String>> entry : rulebook.taxonomy().entrySet()) {
                text(out, entry.getKey());
                texts(out, entry.getValue());
            }
            texts(out, rulebook.requiredTags());
            out.writeInt(rulebook.thresholds().size());
            for (Map.Entry<String, Double> threshold : rulebook.thresholds().entrySet()) {
                text(out, threshold.getKey());
                out.writeDouble(threshold.getValue());
            }
            out.writeInt(rulebook.signing().required().size());
            for (SigningRequirement requirement : rulebook.signing().required()) {
                texts(out, requirement.roles());
                out.writeInt(requirement.min());
            }
            out.writeInt(rulebook.kpis().size());
            for (KpiDefinition kpi : rulebook.kpis()) {
                text(out, kpi.name());
                text(out, kpi.formula());
                texts(out, kpi.inputs());
                text(out, kpi.unit());
                out.writeBoolean(kpi.target().isPresent());
                out.writeDouble(kpi.target().orElse(0.0));
                text(out, kpi.direction().name());
                text(out, kpi.description());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The rulebook these bytes describe, with the given directory, hash and rule files; empty when the
     * bytes are not exactly what {@link #encode} writes or describe a rulebook the record refuses.
     */
    static Optional<Rulebook> decode(byte[] payload, Path directory, String hash, List<String> ruleFiles) {
        try {
            Reader in = new Reader(ByteBuffer.wrap(payload));
            if (!in.text().equals(FORMAT)) {
                return Optional.empty();
            }
            String version = in.text();
            Map<String, GateProfile> profiles = new LinkedHashMap<>();
            for (int p = in.count(); p > 0; p--) {
                String key = in.text();
                String name = in.text();
                List<GateStep> steps = new ArrayList<>();
                for (int s = in.count(); s > 0; s--) {
                    CycleState from = CycleState.valueOf(in.text());
                    CycleState to = CycleState.valueOf(in.text());
                    List<String> gates = in.texts();
                    String onFailure = in.text();
                    steps.add(new GateStep(from, to, gates,
                            onFailure.isEmpty() ? Optional.empty() : Optional.of(CycleState.valueOf(onFailure))));
                }
                if (profiles.put(key, new GateProfile(name, steps)) != null) {
                    return Optional.empty();
                }
            }
            Map<String, String> streams = new LinkedHashMap<>();
            for (int s = in.count(); s > 0; s--) {
                if (streams.put(in.text(), in.text()) != null) {
                    return Optional.empty();
                }
            }
            String defaultProfile = in.text();
            Map<String, List<String>> taxonomy = new LinkedHashMap<>();
            for (int t = in.count(); t > 0; t--) {
                if (taxonomy.put(in.text(), in.texts()) != null) {
                    return Optional.empty();
                }
            }
            List<String> requiredTags = in.texts();
            Map<String, Double> thresholds = new LinkedHashMap<>();
            for (int t = in.count(); t > 0; t--) {
                if (thresholds.put(in.text(), in.buffer.getDouble()) != null) {
                    return Optional.empty();
                }
            }
            List<SigningRequirement> required = new ArrayList<>();
            for (int r = in.count(); r > 0; r--) {
                required.add(new SigningRequirement(in.texts(), in.buffer.getInt()));
            }
            List<KpiDefinition> kpis = new ArrayList<>();
            for (int k = in.count(); k > 0; k--) {
                String name = in.text();
                String formula = in.text();
                List<String> inputs = in.texts();
                String unit = in.text();
                boolean hasTarget = in.flag();
                double target = in.buffer.getDouble();
                KpiDirection direction = KpiDirection.valueOf(in.text());
                String description = in.text();
                kpis.add(new KpiDefinition(name, formula, inputs, unit,
                        hasTarget ? Optional.of(target) : Optional.empty(), direction, description));
            }
            if (in.buffer.hasRemaining()) {
                return Optional.empty();
            }
            return Optional.of(new Rulebook(directory, hash, version, profiles, streams, defaultProfile, taxonomy,
                    requiredTags, thresholds, ruleFiles, new SigningPolicy(required), kpis));
        } catch (RuntimeException e) {
            // Short, malformed or refused: not a kept model, parse the settings again.
            return Optional.empty();
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void texts(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            text(out, value);
        }
    }

    /** Reads what {@link #encode} writes; every count is checked against the bytes left. */
    private static final class Reader {
        final ByteBuffer buffer;

        Reader(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** A count of items, each of which takes at least four bytes. */
        int count() {
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / 4) {
                throw new IllegalArgumentException("count out of range: " + count);
            }
            return count;
        }

        String text() {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("text length out of range: " + length);
            }
            ByteBuffer slice = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(slice)
                        .toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("not UTF-8", e);
            }
        }

        List<String> texts() {
            List<String> values = new ArrayList<>();
            for (int i = count(); i > 0; i--) {
                values.add(text());
            }
            return values;
        }

        boolean flag() {
            byte flag = buffer.get();
            if (flag != 0 && flag != 1) {
                throw new IllegalArgumentException("not a flag: " + flag);
            }
            return flag == 1;
        }
    }
}
