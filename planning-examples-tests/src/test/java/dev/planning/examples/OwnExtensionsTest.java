package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.EventStore;
import dev.planning.engine.EventLines;
import dev.planning.engine.Planning;
import dev.planning.testkit.signing.SignerContract;
import dev.planning.testkit.store.EventStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a team embedding the library writes for itself, with exported packages only (checked from
 * an outside Maven project on 2026-12-04, docs/testing.md): an event store of its own on the log's
 * public line format, which passes the store contract; signers that hold their keys in memory (as
 * an HSM or KMS would), which pass the signer contract, trusted in code rather than through a trust
 * file; and the whole handoff
 * over both, through {@code EXECUTED}.
 */
class OwnExtensionsTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    /** An event store of one's own: lines kept in a map, in the file store's format (EventLines). */
    static final class LineStore implements EventStore {
        private final Map<CycleRef, List<byte[]>> lines = new HashMap<>();

        @Override
        public synchronized List<RecordedEvent> read(CycleRef cycle) {
            Objects.requireNonNull(cycle, "cycle");
            List<RecordedEvent> events = new ArrayList<>();
            for (byte[] line : lines.getOrDefault(cycle, List.of())) {
                events.add(EventLines.decode(events.size() + 1, line));
            }
            return List.copyOf(events);
        }

        @Override
        public synchronized List<CycleRef> cycles() {
            return lines.entrySet().stream().filter(entry -> !entry.getValue().isEmpty()).map(Map.Entry::getKey)
                    .sorted(Comparator.comparing(CycleRef::stream).thenComparing(CycleRef::cycleId)).toList();
        }

        @Override
        public synchronized RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(expectedHead, "expectedHead");
            if (!expectedHead.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("expectedHead must be 64 lower-case hex digits");
            }
            EventLines.requireAbout(cycle, event);
            byte[] line = EventLines.encode(event, expectedHead);
            List<byte[]> log = lines.computeIfAbsent(cycle, c -> new ArrayList<>());
            String head = log.isEmpty() ? RecordedEvent.GENESIS : EventLines.hash(log.get(log.size() - 1));
            if (!head.equals(expectedHead)) {
                throw new ConcurrentTransitionException(cycle + " changed: its head is " + head);
            }
            if (!log.isEmpty()) {
                EventLines.requireNotBefore(EventLines.decode(log.size(), log.get(log.size() - 1)), event,
                        location(cycle));
            }
            log.add(line);
            return EventLines.decode(log.size(), line);
        }
    }

    @Nested
    class LineStoreContract extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new LineStore();
        }
    }

    /** A signer whose key never leaves memory, as an HSM's or a KMS's. */
    record MemorySigner(String role, KeyPair pair) implements Signer {
        @Override
        public String keyId() {
            return keyIdOf(pair);
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_P256_SHA256;
        }

        @Override
        public byte[] sign(byte[] message) {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA");
                signature.initSign(pair.getPrivate());
                signature.update(message);
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class MemorySignerContract extends SignerContract {
        private final KeyPair pair = p256OrFail();

        @Override
        protected Signer newSigner() {
            return new MemorySigner("QA", pair);
        }

        @Override
        protected PublicKey publicKey(Signer signer) {
            return pair.getPublic();
        }
    }

    static KeyPair p256OrFail() {
        try {
            return p256();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keyIdOf(KeyPair pair) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void aHandoffRunsOverAnOwnStoreAndOwnSignersWithTheFileStoresHashes() throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        List<Signer> signers = new ArrayList<>();
        List<TrustedKey> trusted = new ArrayList<>();
        for (String role : List.of("PM", "TechLead", "QA")) {
            KeyPair pair = p256();
            signers.add(new MemorySigner(role, pair));
            trusted.add(new TrustedKey(role, keyIdOf(pair), SignatureAlgorithm.ECDSA_P256_SHA256, pair.getPublic()));
        }
        TrustedKeys trust = new TrustedKeys(trusted, "keys held by the application");
        LineStore store = new LineStore();
        PlanningWorkspace workspace = Planning.builder().workspace(ws).eventStore(store).trustedKeys(trust)
                .triggeredBy("embedder").build();

        assertThat(workspace.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(workspace.seal(FE, SealOptions.defaults().withAllowDirty(true)).manifest()).isPresent();
        signers.forEach(signer -> workspace.sign(FE, signer, SignOptions.defaults().withAllowDirty(true)));
        assertThat(workspace.verify(FE, trust).discrepancies()).isEmpty();
        assertThat(workspace.verifyChecksumsOnly(FE, trust).discrepancies()).isEmpty();
        assertThat(workspace.advance(FE, CycleState.EXECUTED).accepted()).isTrue();

        CycleStatus status = workspace.status(FE);
        assertThat(status.state()).isEqualTo(CycleState.EXECUTED);
        assertThat(workspace.checkHistory(status)).isEmpty();
        assertThat(ws.resolve("frameworks/planning-fe/events")).as("the log lives in the store only").doesNotExist();

        // The same lines a file store would hold: written out, the workspace reads them as its log.
        Path log = ws.resolve(workspace.layout().eventLog(FE));
        Files.createDirectories(log.getParent());
        StringBuilder text = new StringBuilder();
        for (byte[] line : store.lines.get(FE)) {
            text.append(new String(line, StandardCharsets.UTF_8)).append('\n');
        }
        Files.writeString(log, text);
        PlanningWorkspace onFiles = Planning.builder().workspace(ws).trustedKeys(trust).build();
        assertThat(onFiles.status(FE).state()).isEqualTo(CycleState.EXECUTED);
        assertThat(onFiles.verify(FE, trust).discrepancies()).isEmpty();
    }
}
