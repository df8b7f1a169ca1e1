package dev.planning.rules.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.rules.yaml.YamlInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads rule test files: YAML, one case per document (separate several with {@code ---}).
 * <pre>{@code
 * name: critical item needs three approvals
 * given:
 *   stream: fe
 *   cycle: 2025-09-02
 *   today: 2025-09-02            # optional when the cycle id is a date
 *   tasks:
 *     - {id: FE-1, title: Pay, owner: alice, tags: {criticality: 0, compliance: none},
 *        acceptance_criteria: [works], controls: {approvals: [a, b], review_board: ARB-1,
 *        emergency_contact: oncall, rollback_plan: flag off}}
 *   other_streams:               # optional: other streams' tasks, for cross-stream references
 *     be: [{id: PLN-BE-001, owner: bob}]
 *   waivers: []                  # optional: {rule, item, reason, approver, expires}
 * expect:
 *   only: true
 *   violations:
 *     - {rule: critical-approvals, item: FE-1}
 * }</pre>
 *
 * <p>Bad files raise {@link InvalidInputException} naming the file, line and column and what
 * was expected.
 *
 * @since 0.1
 */
public final class RuleTestFiles {

    private static final ObjectMapper YAML = YamlInput.mapper();

    private RuleTestFiles() {
    }

    /**
     * Every case of every {@code *.yaml} / {@code *.yml} file of a rulebook's {@code tests}
     * directory, files in name order; empty when there is no such directory.
     *
     * @param rulebookDirectory the rulebook directory
     */
    public static List<RuleTestCase> readRulebookTests(Path rulebookDirectory) {
        Path tests = rulebookDirectory.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        List<RuleTestCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(tests)) {
            for (Path file : files.filter(RuleTestFiles::isYaml).sorted().toList()) {
                cases.addAll(read(file, rulebookDirectory.relativize(file).toString().replace('\\', '/')));
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list rule tests: " + e.getMessage(), SourceLocation.ofFile("tests"));
        }
        return cases;
    }

    /**
     * The cases of one file.
     *
     * @param file        the file to read
     * @param displayName how locations name the file (e.g. relative to the rulebook)
     */
    public static List<RuleTestCase> read(Path file, String displayName) {
        List<RuleTestCase> cases = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(file.toFile());
                MappingIterator<CaseYaml> documents = YAML.readValues(parser, CaseYaml.class)) {
            while (documents.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                CaseYaml document = documents.nextValue();
                SourceLocation at = new SourceLocation(displayName, Math.max(line, 0), 0);
                try {
                    cases.add(document.toCase(at));
                } catch (IllegalArgumentException | PlanningException e) {
                    throw new InvalidInputException(e.getMessage(), at);
                }
            }
        } catch (JsonProcessingException e) {
            throw YamlInput.error(e, displayName);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read rule test file: " + e.getMessage(), SourceLocation.ofFile(displayName));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof JsonProcessingException jpe) {
                throw YamlInput.error(jpe, displayName);
            }
            throw e;
        }
        if (cases.isEmpty()) {
            throw new InvalidInputException("no test case in file; expected a mapping with name, given and expect",
                    SourceLocation.ofFile(displayName));
        }
        return cases;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** One document of a test file. */
    record CaseYaml(@JsonProperty(required = true) String name, @JsonProperty(required = true) GivenYaml given,
            ExpectYaml expect) {

        RuleTestCase toCase(SourceLocation at) {
            ExpectYaml e = expect == null ? new ExpectYaml(false, List.of()) : expect;
            List<ExpectedViolation> violations = e.violations() == null ? List.of()
                    : e.violations().stream().map(v -> new ExpectedViolation(v.rule(), v.item())).toList();
            return new RuleTestCase(name, given.toInput(at), violations, Boolean.TRUE.equals(e.only()), at);
        }
    }

    /** The {@code given} block. */
    record GivenYaml(String stream, String cycle, String today, List<TaskYaml> tasks,
            Map<String, List<TaskYaml>> otherStreams, List<WaiverYaml> waivers) {

        GovernanceInput toInput(SourceLocation at) {
            String streamName = stream == null ? "fe" : stream;
            String cycleId = cycle == null ? "test" : cycle;
            CycleRef ref = new CycleRef(streamName, cycleId);
            Map<String, TaskBreakdown> others = new LinkedHashMap<>();
            if (otherStreams != null) {
                otherStreams.forEach((s, ts) -> others.put(CycleRef.requireStream(s), plan(s, cycleId, ts, at)));
            }
            List<Waiver> waiverList = waivers == null ? List.of() : waivers.stream().map(WaiverYaml::toWaiver).toList();
            return new GovernanceInput(ref, plan(streamName, cycleId, tasks, at), Optional.empty(), others, List.of(),
                    waiverList, day(today == null ? cycleId : today, today == null ? "given.cycle" : "given.today"));
        }

        private static TaskBreakdown plan(String stream, String cycleId, List<TaskYaml> tasks, SourceLocation at) {
            List<Task> list = tasks == null ? List.of() : tasks.stream().map(t -> t.toTask(at)).toList();
            return new TaskBreakdown("1.0.0", cycleId, stream, Optional.empty(), list, at.file());
        }

        private static LocalDate day(String text, String field) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + " '" + text + "' is not a date; expected YYYY-MM-DD"
                        + ("given.cycle".equals(field) ? " (or set given.today)" : ""));
            }
        }
    }

    /** The {@code expect} block. */
    record ExpectYaml(Boolean only, List<ViolationYaml> violations) {
    }

    /** An expected violation. */
    record ViolationYaml(@JsonProperty(required = true) String rule, @JsonProperty(required = true) String item) {
    }

    /** A waiver. */
    record WaiverYaml(@JsonProperty(required = true) String rule, @JsonProperty(required = true) String item,
            String reason, String approver, @JsonProperty(required = true) LocalDate expires) {

        Waiver toWaiver() {
            return new Waiver(rule, item, reason == null ? "" : reason, approver == null ? "" : approver, expires);
        }
    }
}
