package com.example.embedder;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InitResult;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.ImproveResult;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.EventLines;
import dev.planning.engine.Planning;
import dev.planning.report.HtmlReport;
import dev.planning.report.ReportResult;
import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.RulebookImpact;
import dev.planning.rules.testkit.GovernanceTestKit;
import dev.planning.testkit.gate.GateContextFixture;
import dev.planning.testkit.gate.GateContract;
import dev.planning.testkit.store.EventStoreContract;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own service embedding the library, written from the README, docs/ and the public Javadoc
 * only (helper embedder15, 2026-12-05): a package of its own, so nothing package-private of the
 * project is reachable, and no {@code internal} type. Every job of the command line on a copy of
 * the demo's workspace and inputs, with keys generated outside the workspace and trusted in code; a
 * gate, a policy and an event store of its own, each through the kit the docs name. Helper embed18
 * (2026-12-05) added a workspace scaffolded on the team's own store, layout, clock and actor, one of
 * another layout reported and its rulebook change previewed, the key hygiene of the command line,
 * and the team's gate through {@code GateContract}.
 */
class OutsideEmbedderTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final List<String> ROLES = List.of("PM", "TechLead", "QA");

    /** The team's policy: no task estimated above 13 points. */
    static final String MAX_ESTIMATE_DRL = """
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "max-estimate" @severity(MEDIUM)
            when $t : TaskFact(effort > 13)
            then insert(Report.violation(kcontext, $t, $t.id() + " is estimated above 13 points; split it"));
            end
            """;

    @TempDir
    Path dir;

    /** The team's gate: every P0 or P1 task names an owner. */
    static final class OwnersNamedGate implements Gate {

        @Override
        public String name() {
            return "owners_named";
        }

        @Override
        public String description() {
            return "every P0 and P1 task names an owner";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            List<Task> tasks = context.tasks().map(plan -> plan.tasks()).orElse(List.of());
            List<Finding> findings = tasks.stream()
                    .filter(task -> task.priority().filter(p -> p == Priority.P0 || p == Priority.P1).isPresent())
                    .filter(task -> task.owner().isEmpty())
                    .map(task -> Finding.error("owners.missing", "task " + task.id() + " has no owner", task.location())
                            .withTask(task.id()))
                    .toList();
            return GateResult.of(name(), findings, Map.of("tasks", tasks.size()));
        }
    }

    @Test
    void everyJobOfTheCommandLineOnACopyOfTheDemo() throws IOException {
        Path workspaceDir = WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02").toAbsolutePath(), dir.resolve("ws"));
        Path demo = Path.of("demo").toAbsolutePath();
        Path keyDir = dir.resolve("keys");                        // outside the workspace
        // the team's gate, named in its profile, and its policy, beside the rulebook's
        Path rulebookYaml = workspaceDir.resolve("rulebook/rulebook.yaml");
        Files.writeString(rulebookYaml, Files.readString(rulebookYaml, StandardCharsets.UTF_8).replace(
                "parity_coverage, governance]}", "parity_coverage, governance, owners_named]}"), StandardCharsets.UTF_8);
        Files.writeString(workspaceDir.resolve("rulebook/rules/estimates.drl"), MAX_ESTIMATE_DRL, StandardCharsets.UTF_8);

        // tag::trust[]
        Keys keys = Planning.keys();
        List<TrustedKey> trusted = new ArrayList<>();
        for (String role : List.of("PM", "TechLead", "QA")) {
            GeneratedKey key = keys.generate(role, SignatureAlgorithm.ED25519, keyDir);   // outside the workspace
            trusted.add(keys.readPublicKey(role, key.publicKey(), workspaceDir));       // refused inside it
        }
        TrustedKeys trust = new TrustedKeys(trusted, "trusted in code");   // no trust file
        PlanningWorkspace workspace = Planning.builder()
                .workspace(workspaceDir)
                .trustedKeys(trust)
                .gate(new OwnersNamedGate())                    // named in a profile of rulebook.yaml
                .triggeredBy("embedder-service")
                .build();
        // end::trust[]

        // the team's policy is part of the workspace's rulebook, beside the default rules
        assertThat(GovernanceTestKit.fromRulebook(workspace.rulebook())
                .evaluate(Task.builder("FE-1", "Checkout").owner("alice").effort(21).tags("criticality:3", "compliance:none")
                        .build()))
                .hasOnlyViolations(v("max-estimate", "FE-1"));

        LintReport lint = workspace.lint(FE.stream(), FE.cycleId());
        assertThat(lint.passed()).as(lint.findings().toString()).isTrue();

        List<GateResult> dryRun = workspace.dryRun(FE, CycleState.READY_FOR_HANDOFF);
        assertThat(dryRun).extracting(GateResult::gate).containsExactly("schema_lint", "cross_stream_consistency",
                "parity_coverage", "governance", "owners_named");
        assertThat(dryRun).allMatch(GateResult::passed);
        assertThat(workspace.status(FE).history()).as("a dry run records nothing").isEmpty();

        List<TransitionResult> transitions = new ArrayList<>();
        transitions.add(workspace.advance(FE, CycleState.READY_FOR_HANDOFF));
        SealResult seal = workspace.seal(FE, SealOptions.defaults().withAllowDirty(true));
        assertThat(seal.sealed()).isTrue();
        seal.transition().ifPresent(transitions::add);
        for (String role : ROLES) {
            workspace.sign(FE, keys.pemSigner(role, keyDir.resolve(role + ".key.pem"), workspaceDir),
                    SignOptions.defaults().withAllowDirty(true)); // sealed outside git, signed saying so
        }
        VerificationReport full = workspace.verify(FE, trust);
        assertThat(full.passed()).as(full.discrepancies().toString()).isTrue();
        assertThat(full.countedSignatures()).hasSize(3);
        VerificationReport checksums = workspace.verifyChecksumsOnly(FE, trust);
        assertThat(checksums.passed()).as(checksums.discrepancies().toString()).isTrue();
        assertThat(workspace.verify(FE, TrustedKeys.none()).passed()).as("no trusted key, no counted signature").isFalse();

        transitions.add(workspace.advance(FE, CycleState.EXECUTED));
        // The demo's outcomes, its deployments dated next year: this workspace creates the cycle at the real clock, and
        // a deployment earlier than the cycle's creation is refused (docs/metrics.md, "Recording delivery").
        Path outcomes = WorkspaceCopies.copy(demo.resolve("outcomes/2025-09-02"), dir.resolve("outcomes"));
        String year = Integer.toString(Year.now(ZoneOffset.UTC).getValue() + 1);
        Files.writeString(outcomes.resolve("deployments.yaml"), Files.readString(outcomes.resolve("deployments.yaml"),
                StandardCharsets.UTF_8).replace("2025-", year + "-"), StandardCharsets.UTF_8);
        ImportReport imported = workspace.importOutcomes(FE, filesIn(outcomes));
        assertThat(imported.changed()).isTrue();
        transitions.add(workspace.advance(FE, CycleState.VALIDATED));
        assertThat(transitions).allMatch(TransitionResult::accepted, "accepted");

        Path retro = workspaceDir.resolve(workspace.layout().retrospective(FE));
        Files.createDirectories(retro.getParent());
        Files.copy(demo.resolve("retro/2025-09-02-retrospective.yaml"), retro);
        DigestResult digest = workspace.digest(FE);
        assertThat(digest.written()).isTrue();
        List<String> lines = new ArrayList<>();
        // tag::kpis[]
        for (KpiValue kpi : digest.summary().kpis().values()) {
            lines.add(kpi.name() + " " + kpi.actual().map(String::valueOf).orElse("not measured")
                    + kpi.meetsTarget().map(met -> met ? " (target met)" : " (target missed)").orElse(""));
        }
        // end::kpis[]
        Map<String, KpiValue> kpis = digest.summary().kpis();
        assertThat(kpis.values()).anyMatch(KpiValue::measured);
        assertThat(kpis.values().stream().filter(k -> k.measured() && k.target().isPresent()))
                .allSatisfy(k -> assertThat(k.meetsTarget()).isPresent());
        assertThat(lines).hasSize(kpis.size()).anyMatch(line -> line.endsWith("(target met)"));

        ReportResult site = HtmlReport.builder(workspace).trustedKeys(trust).asOf(LocalDate.of(2025, 9, 20)).build()
                .write(dir.resolve("site"));
        assertThat(site.index()).exists();
        assertThat(site.cycles()).isEqualTo(1);

        assertThatThrownBy(() -> workspace.improve(FE, "2025-09-16")).as("VALIDATED is not IMPROVE")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs IMPROVE");
        assertThat(workspace.advance(FE, CycleState.IMPROVE).accepted()).isTrue();
        ImproveResult improve = workspace.improve(FE, "2025-09-16");
        assertThat(improve.completed()).isTrue();
        assertThat(improve.carried()).isNotEmpty();

        assertThatThrownBy(() -> workspace.digest(FE)).as("a completed cycle's digest is final")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is COMPLETED");

        CycleStatus status = workspace.status(FE);
        assertThat(status.state()).isEqualTo(CycleState.COMPLETED);
        assertThat(workspace.checkHistory(status)).isEmpty();
        assertThat(status.history()).extracting(e -> e.event().type()).contains(EventType.MANIFEST_SEALED,
                EventType.SIGNATURE_ADDED, EventType.OUTCOMES_IMPORTED, EventType.DIGEST_PUBLISHED);
        assertThat(workspace.status(improve.next()).state()).isEqualTo(CycleState.PLANNED);
        assertThat(workspace.cycles()).contains(FE, improve.next());
        assertThat(workspace.queries(trust).portfolio())
                .extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state)
                .contains(tuple(FE, CycleState.COMPLETED));
    }

    @Test
    void aWorkspaceOnTheTeamsOwnStoreAnswersTheCrossCycleQueries() {
        Path workspaceDir = WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02").toAbsolutePath(), dir.resolve("ws"));
        Keys keys = Planning.keys();
        List<GeneratedKey> generated = new ArrayList<>();
        for (String role : ROLES) {
            generated.add(keys.generate(role, SignatureAlgorithm.ED25519, dir.resolve("keys")));
        }
        TrustedKeys trust = new TrustedKeys(generated.stream()
                .map(key -> keys.readPublicKey(key.role(), key.publicKey(), workspaceDir)).toList(), "trusted in code");
        PlanningWorkspace workspace = Planning.builder().workspace(workspaceDir).eventStore(new ListStore())
                .trustedKeys(trust).triggeredBy("embedder-service").build();

        assertThat(workspace.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(workspace.seal(FE, SealOptions.defaults().withAllowDirty(true)).sealed()).isTrue();
        for (GeneratedKey key : generated.subList(0, 2)) {
            workspace.sign(FE, keys.pemSigner(key.role(), key.privateKey(), workspaceDir),
                    SignOptions.defaults().withAllowDirty(true));
        }

        CycleRef storeOnly = new CycleRef("be", "2025-09-16");       // no plan and no log file in the workspace
        workspace.create(storeOnly);

        // tag::queries[]
        CycleQueries queries = workspace.queries(trust);            // over every cycle the store lists
        List<CycleQueries.CycleSummary> portfolio = queries.portfolio();
        List<CycleQueries.PendingSignatures> pending = queries.pendingSignatures();  // judged as verify judges
        // end::queries[]

        assertThat(portfolio).extracting(CycleQueries.CycleSummary::cycle, CycleQueries.CycleSummary::state)
                .containsExactly(tuple(storeOnly, CycleState.PLANNED), tuple(FE, CycleState.PACKAGED));
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.cycle()).isEqualTo(FE);
            assertThat(p.signedRoles()).containsExactly("PM", "TechLead");
            assertThat(p.missingRoles()).containsExactly("QA");
        });
        assertThat(queries.pendingSignatures(Set.copyOf(ROLES))).isEqualTo(pending);
        assertThat(queries.pendingSignatures(workspace.rulebook().signing())).isEqualTo(pending);
        assertThatThrownBy(() -> queries.pendingSignatures(Set.of("PM", "TechLead", "Qa")))
                .as("a role the rulebook's signing policy does not name").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown role 'Qa'");
        assertThat(workspace.queries(TrustedKeys.none()).pendingSignatures(Set.copyOf(ROLES)))
                .singleElement().satisfies(p -> assertThat(p.missingRoles()).containsExactly("PM", "QA", "TechLead"));
        assertThat(Planning.cycleQueries(workspaceDir).portfolio()).as("the files hold none of the store's events")
                .isEmpty();
    }

    @Test
    void aServiceScaffoldsAWorkspaceWithItsOwnStoreLayoutClockAndActor() {
        ListStore store = new ListStore();
        WorkspaceLayout plans = new WorkspaceLayout("plans", "policy");
        Instant opened = Instant.parse("2025-10-01T08:30:00Z");
        Path workspaceDir = dir.resolve("new-ws");
        CycleRef cycle = new CycleRef("fe", "2025-10-01");

        // tag::init[]
        InitResult init = Planning.builder()
                .workspace(workspaceDir)
                .layout(plans)                                  // streams under plans/, the rulebook in policy/
                .eventStore(store)                              // the first event goes to the service's store
                .clock(Clock.fixed(opened, ZoneOffset.UTC))
                .triggeredBy("embedder-service")
                .init(cycle);
        // end::init[]

        assertThat(init.createdRulebook()).contains(workspaceDir.resolve("policy").toAbsolutePath());
        assertThat(init.written()).contains(plans.taskBreakdown(cycle)).allMatch(path -> !path.startsWith("frameworks/"));
        assertThat(workspaceDir.resolve(plans.eventLog(cycle))).as("no event log file: the store holds it").doesNotExist();
        assertThat(store.read(cycle)).singleElement().satisfies(event -> {
            assertThat(event.event().type()).isEqualTo(EventType.CYCLE_CREATED);
            assertThat(event.event().timestamp()).isEqualTo(opened);
            assertThat(event.event().triggeredBy()).isEqualTo("embedder-service");
        });
        assertThat(init.cycle().state()).isEqualTo(CycleState.PLANNED);
        assertThatThrownBy(() -> Planning.builder().workspace(workspaceDir).layout(plans).eventStore(store).init(cycle))
                .as("never replaces a plan").isInstanceOf(InvalidInputException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> Planning.builder().workspace(dir.resolve("other")).readOnly().init(cycle))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWorkspaceOfAnotherLayoutIsReportedAndItsRulebookChangePreviewedUnderItsOwnLayout() throws IOException {
        WorkspaceLayout plans = new WorkspaceLayout("plans", "rulebook");
        Path workspaceDir = dir.resolve("ws");
        WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02/rulebook").toAbsolutePath(), workspaceDir.resolve("rulebook"));
        WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02/frameworks").toAbsolutePath(), workspaceDir.resolve("plans"));
        PlanningWorkspace workspace = Planning.builder().workspace(workspaceDir).layout(plans)
                .triggeredBy("embedder-service").build();
        assertThat(workspace.advance(FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();

        ReportResult site = HtmlReport.builder(workspace).asOf(LocalDate.of(2025, 9, 20)).build().write(dir.resolve("site"));
        assertThat(site.cycles()).isEqualTo(1);
        assertThatThrownBy(() -> HtmlReport.builder(workspace).asOf(LocalDate.of(2025, 9, 20)).build()
                .write(workspaceDir.resolve("plans/site")))
                .as("the report knows where the workspace's plans are, and never writes among them")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overlap the workspace's plans/");

        Path head = WorkspaceCopies.copy(workspaceDir.resolve("rulebook"), dir.resolve("head"));
        Files.writeString(head.resolve("rules/estimates.drl"), MAX_ESTIMATE_DRL.replace("effort > 13", "effort > 1")
                .replace("MEDIUM", "CRITICAL"),
                StandardCharsets.UTF_8);
        // tag::impact[]
        RulebookImpact impact = RulebookImpact.compare(workspace.root(), workspace.layout(),
                workspace.rulebook().directory(), head, Clock.systemUTC());
        // end::impact[]
        assertThat(impact.cycles()).extracting(CycleImpact::cycle).containsExactly(FE);
        assertThat(impact.blocksNew()).isTrue();
        assertThat(RulebookImpact.compare(workspace.root(), workspace.rulebook().directory(), head, Clock.systemUTC())
                .cycles()).as("under the default layout, no cycle is found").isEmpty();
        RulebookImpact ofTheWorkspace = RulebookImpact.compare(workspace, head, Clock.systemUTC());
        assertThat(ofTheWorkspace.cycles()).as("the workspace's own layout and rulebook").extracting(CycleImpact::cycle)
                .containsExactly(FE);
        assertThat(ofTheWorkspace.blocksNew()).isTrue();
        assertThat(ofTheWorkspace.baseHash()).isEqualTo(workspace.rulebook().hash());
    }

    @Test
    void initScaffoldsWhereTheGivenLayoutPutsTheCycleAndItsRulebook() {
        WorkspaceLayout plans = new WorkspaceLayout("plans", "policy");
        Path workspaceDir = dir.resolve("laid-out");
        CycleRef cycle = new CycleRef("fe", "2025-10-01");

        InitResult init = Planning.init(workspaceDir, plans, cycle);

        assertThat(init.createdRulebook()).contains(workspaceDir.resolve("policy").toAbsolutePath());
        assertThat(init.written()).contains(plans.taskBreakdown(cycle)).allMatch(path -> !path.startsWith("frameworks/"));
        assertThat(workspaceDir.resolve(plans.eventLog(cycle))).isRegularFile();
        assertThat(workspaceDir.resolve("frameworks")).as("nothing where the default layout puts it").doesNotExist();
        assertThat(workspaceDir.resolve("rulebook")).doesNotExist();
        PlanningWorkspace workspace = Planning.builder().workspace(workspaceDir).layout(plans).readOnly().build();
        assertThat(workspace.status(cycle).state()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    void aPrivateKeyOthersCanReadIsRefusedAsTheCommandLineRefusesIt() throws IOException {
        Path workspaceDir = WorkspaceCopies.copy(Path.of("workspaces/fe-2025-09-02").toAbsolutePath(), dir.resolve("ws"));
        GeneratedKey key = Planning.keys().generate("QA", SignatureAlgorithm.ED25519, dir.resolve("keys"));
        assertThat(Planning.keys().pemSigner("QA", key.privateKey(), workspaceDir).role()).isEqualTo("QA");

        Files.setPosixFilePermissions(key.privateKey(), PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> Planning.keys().pemSigner("QA", key.privateKey(), workspaceDir))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("chmod 600");
    }

    @Nested
    class TheTeamsGate extends GateContract {
        @Override
        protected Gate newGate() {
            return new OwnersNamedGate();
        }

        @Override
        protected List<GateContext> contexts() {
            return List.of(GateContextFixture.builder(FE)
                    .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).owner("alice").build(),
                            Task.builder("FE-2", "Refunds").priority(Priority.P1).build())
                    .build());
        }
    }

    @Test
    void theTeamsGateOnTheFixture() {
        GateResult result = new OwnersNamedGate().evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).owner("alice").build(),
                        Task.builder("FE-2", "Refunds").priority(Priority.P1).build(),
                        Task.builder("FE-3", "Banner").priority(Priority.P3).build())
                .build());

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(f -> f.taskId().orElseThrow()).containsExactly("FE-2");
    }

    @Test
    void theTeamsPolicyInMemory() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(MAX_ESTIMATE_DRL);

        assertThat(kit.evaluate(Task.builder("FE-1", "Checkout").effort(21).build(),
                Task.builder("FE-2", "Cart").effort(13).build(),
                Task.builder("FE-3", "Unestimated").build()))
                .hasOnlyViolations(v("max-estimate", "FE-1"))
                .hasViolation("max-estimate").on("FE-1").withSeverity(ViolationSeverity.MEDIUM);
    }

    /** The team's store: each cycle's lines in memory, in the file store's format. */
    static final class ListStore implements EventStore {
        private final Map<CycleRef, List<byte[]>> lines;

        ListStore() {
            this(new HashMap<>());
        }

        ListStore(Map<CycleRef, List<byte[]>> lines) {
            this.lines = lines;
        }

        @Override
        public List<RecordedEvent> read(CycleRef cycle) {
            Objects.requireNonNull(cycle, "cycle");
            synchronized (lines) {
                return decoded(lines.getOrDefault(cycle, List.of()));
            }
        }

        private static List<RecordedEvent> decoded(List<byte[]> log) {
            List<RecordedEvent> events = new ArrayList<>();
            for (int i = 0; i < log.size(); i++) {
                events.add(EventLines.decode(i + 1, log.get(i)));
            }
            return List.copyOf(events);
        }

        @Override
        public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            Objects.requireNonNull(cycle, "cycle");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(expectedHead, "expectedHead");
            EventLines.requireAbout(cycle, event);
            synchronized (lines) {
                return appendLocked(cycle, event, expectedHead);
            }
        }

        @Override
        public List<CycleRef> cycles() {
            synchronized (lines) {
                // A refused first append leaves an empty list: that cycle holds no event.
                return lines.entrySet().stream().filter(entry -> !entry.getValue().isEmpty()).map(Map.Entry::getKey)
                        .sorted(Comparator.comparing(CycleRef::stream).thenComparing(CycleRef::cycleId)).toList();
            }
        }

        private RecordedEvent appendLocked(CycleRef cycle, PlanningEvent event, String expectedHead) {
            List<byte[]> log = lines.computeIfAbsent(cycle, c -> new ArrayList<>());
            String head = log.isEmpty() ? RecordedEvent.GENESIS : EventLines.hash(log.get(log.size() - 1));
            if (!expectedHead.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("expectedHead must be 64 lower-case hex digits, got " + expectedHead);
            }
            byte[] line = EventLines.encode(event, expectedHead);
            if (!head.equals(expectedHead)) {
                throw new ConcurrentTransitionException("the head of " + cycle + " is " + head
                        + ", not " + expectedHead);
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
    class TheTeamsStore extends EventStoreContract {
        @Override
        protected EventStore newStore() {
            return new ListStore();
        }

        @Override
        protected EventStore newStoreSharingStorageWith(EventStore store) {
            return new ListStore(((ListStore) store).lines);
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
