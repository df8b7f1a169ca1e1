package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The first cycle of the demo scenario ({@link DemoScenario}, {@code planning demo}: the frontend example run with the outcomes in
 * {@code planning-examples/demo/outcomes/2025-09-02}), its digest published with the default rulebook, and every KPI of that digest recomputed here
 * from the raw files (plan YAML, event log JSON lines, JUnit XML through the JDK's DOM, axe JSON,
 * deployments YAML) without any of the engine's readers, inputs or formulas.
 */
class ExampleDigestTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUTCOMES = Path.of("demo/outcomes/2025-09-02").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void everyKpiOfTheExampleDigestIsRecomputedFromTheImportedFiles() throws Exception {
        StringWriter out = new StringWriter();
        DemoScenario.Result result = DemoScenario.builder().directory(dir.resolve("demo"))
                .output(new PrintWriter(out, true)).build().run();
        assertThat(result.passed()).as(out.toString()).isTrue();
        Path root = dir.resolve("demo/workspace");
        String digestPath = "frameworks/planning-fe/digests/2025-09-02-digest.md";

        JsonNode front = frontMatter(root.resolve(digestPath));
        Map<String, Double> expected = expectedKpis(root);
        Set<String> names = new HashSet<>();
        front.get("kpis").fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(expected.keySet());
        for (Map.Entry<String, Double> kpi : expected.entrySet()) {
            JsonNode actual = front.get("kpis").get(kpi.getKey()).get("actual");
            if (kpi.getValue() == null) {
                assertThat(actual.isNull()).as(kpi.getKey() + " is not measured").isTrue();
            } else {
                assertThat(actual.isNumber()).as(kpi.getKey() + " is measured").isTrue();
                assertThat(actual.asDouble()).as(kpi.getKey()).isCloseTo(kpi.getValue(), within(1e-3));
            }
        }
        // The first cycle has no previous one: deltas are not measured, not 0.
        assertThat(front.get("kpis").get("unit_coverage_delta").get("status").asText()).isEqualTo("not_measured");
        // Every figure of both digests lies in the range its unit allows for a two-week cycle.
        for (String cycle : List.of("2025-09-02", "2025-09-16")) {
            JsonNode kpis = frontMatter(root.resolve("frameworks/planning-fe/digests/" + cycle + "-digest.md")).get("kpis");
            kpis.properties().forEach(kpi -> {
                JsonNode actual = kpi.getValue().get("actual");
                if (!actual.isNull()) {
                    double[] range = plausible(kpi.getValue().get("unit").asText());
                    assertThat(actual.asDouble()).as(cycle + " " + kpi.getKey()).isBetween(range[0], range[1]);
                }
            });
        }
    }

    /** What a figure of a unit can plausibly be in a two-week cycle of a small team. */
    private static double[] plausible(String unit) {
        return switch (unit) {
            case "percent" -> new double[] {0, 100};
            case "percentage_points" -> new double[] {-100, 100};
            case "ratio" -> new double[] {0, 1.5};
            case "points_per_day" -> new double[] {0, 20};
            case "days" -> new double[] {0, 30};
            case "hours" -> new double[] {0, 24 * 30};
            case "per_week" -> new double[] {0, 50};
            case "count" -> new double[] {0, 100};
            default -> throw new AssertionError("no plausible range for unit " + unit);
        };
    }

    /** Line coverage of an LCOV file: the sum of LH over the sum of LF, in percent. */
    private static double lcovLinePercent(Path lcov) throws IOException {
        double hit = 0, found = 0;
        for (String line : Files.readAllLines(lcov)) {
            if (line.startsWith("LH:")) {
                hit += Double.parseDouble(line.substring(3));
            } else if (line.startsWith("LF:")) {
                found += Double.parseDouble(line.substring(3));
            }
        }
        return hit * 100 / found;
    }

    /** Every KPI of the default rulebook, computed by hand from the files; null when not measured. */
    private Map<String, Double> expectedKpis(Path root) throws Exception {
        JsonNode deployments = YAML.readTree(OUTCOMES.resolve("deployments.yaml").toFile());
        Set<String> deployed = new HashSet<>();
        for (JsonNode d : deployments.get("deployments")) {
            if (d.get("status").asText().equals("success")) {
                d.path("tasks").forEach(t -> deployed.add(t.asText()));
            }
        }
        JsonNode plan = YAML.readTree(root.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml").toFile());
        double planned = 0, done = 0, plannedPoints = 0, donePoints = 0, droppedPoints = 0;
        LocalDate latestDue = null;
        Set<String> parents = new HashSet<>();
        plan.get("tasks").forEach(task -> parents.add(task.path("parent").asText("")));
        for (JsonNode task : plan.get("tasks")) {
            if (parents.contains(task.get("id").asText()) || task.path("kind").asText("task").equals("epic")) {
                continue; // work items are the leaves, as the parity gate counts them
            }
            double effort = task.path("effort").asDouble(0);
            String status = task.path("status").asText("planned");
            planned++;
            plannedPoints += effort;
            if (status.equals("done") || !status.equals("dropped") && deployed.contains(task.get("id").asText())) {
                done++;
                donePoints += effort;
            } else if (status.equals("dropped")) {
                droppedPoints += effort;
            }
            if (task.has("due")) {
                LocalDate due = LocalDate.parse(task.get("due").asText());
                latestDue = latestDue == null || due.isAfter(latestDue) ? due : latestDue;
            }
        }

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl"))) {
            JsonNode event = JSON.readTree(line).get("event");
            if (event.get("type").asText().equals("DIGEST_PUBLISHED")) {
                break; // the digest was computed from the events before it
            }
            events.add(event);
        }
        Instant created = Instant.parse(events.get(0).get("timestamp").asText());
        Instant last = Instant.parse(events.get(events.size() - 1).get("timestamp").asText());
        Instant packaged = null, validated = null;
        double gateRuns = 0, gatePasses = 0;
        Map<String, Boolean> checks = new LinkedHashMap<>();
        double handoffs = 0, handoffsAccepted = 0;
        for (JsonNode event : events) {
            String type = event.get("type").asText();
            if (!List.of("STATE_TRANSITION", "TRANSITION_REFUSED", "PLAN_UPDATED", "CYCLE_COMPLETED").contains(type)) {
                continue;
            }
            JsonNode payload = event.get("payload");
            String from = payload.get("from_state").asText();
            String to = payload.get("to_state").asText();
            // A move is timed at the instant its gates judged (docs/metrics.md "Times"): its judged_at, else its timestamp.
            JsonNode judgedAt = payload.path("metadata").path("details").path("judged_at");
            Instant at = Instant.parse(judgedAt.isTextual() ? judgedAt.asText() : event.get("timestamp").asText());
            boolean accepted = !type.equals("TRANSITION_REFUSED");
            Map<String, String> gates = new TreeMap<>();
            payload.get("metadata").get("gate_results").properties().forEach(e -> gates.put(e.getKey(), e.getValue().asText()));
            for (Map.Entry<String, String> gate : gates.entrySet()) {
                gateRuns++;
                gatePasses += gate.getValue().equals("FAIL") ? 0 : 1;
                checks.putIfAbsent(from + to + gate.getKey(), !gate.getValue().equals("FAIL"));
            }
            if (from.equals("READY_FOR_HANDOFF") && to.equals("PACKAGED")) {
                handoffs++;
                if (accepted) {
                    handoffsAccepted++;
                    packaged = packaged == null ? at : packaged;
                }
            }
            if (accepted && to.equals("VALIDATED") && validated == null) {
                validated = at;
            }
        }
        // Calendar days (UTC), both ends counted.
        double cycleDays = Duration.between(created.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(),
                last.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay()).toDays() + 1;

        org.w3c.dom.Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(OUTCOMES.resolve("TEST-dev.shop.CheckoutTest.xml").toFile());
        NodeList cases = junit.getElementsByTagName("testcase");
        double tests = cases.getLength(), failed = 0, skipped = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            failed += testCase.getElementsByTagName("failure").getLength() + testCase.getElementsByTagName("error").getLength() > 0 ? 1 : 0;
            skipped += testCase.getElementsByTagName("skipped").getLength() > 0 ? 1 : 0;
        }
        double passed = tests - failed - skipped;

        double a11yPasses = 0, a11yViolations = 0;
        for (JsonNode page : JSON.readTree(OUTCOMES.resolve("axe-checkout.json").toFile())) {
            a11yPasses += page.get("passes").size();
            a11yViolations += page.get("violations").size();
        }

        double deploymentsTotal = deployments.get("deployments").size();
        Set<String> causes = new HashSet<>();
        List<Double> restore = new ArrayList<>();
        for (JsonNode incident : deployments.get("incidents")) {
            causes.add(incident.get("caused_by").asText());
            restore.add(hours(time(incident.get("start")), time(incident.get("end"))));
        }
        double deploymentsFailed = 0, rework = 0;
        List<Double> leadTimes = new ArrayList<>();
        List<Double> recoveries = new ArrayList<>();
        for (JsonNode d : deployments.get("deployments")) {
            boolean ok = d.get("status").asText().equals("success");
            deploymentsFailed += !ok || causes.contains(d.get("id").asText()) ? 1 : 0;
            rework += d.has("remediates") ? 1 : 0;
            for (JsonNode incident : deployments.get("incidents")) {
                if (incident.get("caused_by").asText().equals(d.get("id").asText())) {
                    recoveries.add(hours(time(incident.get("start")), time(incident.get("end"))));
                }
            }
            if (!ok && !causes.contains(d.get("id").asText())) {
                Instant failedAt = time(d.get("time"));
                Instant next = null;
                for (JsonNode later : deployments.get("deployments")) {
                    Instant at = time(later.get("time"));
                    if (later.get("status").asText().equals("success") && at.isAfter(failedAt) && (next == null || at.isBefore(next))) {
                        next = at;
                    }
                }
                if (next != null) {
                    recoveries.add(hours(failedAt, next));
                }
            }
            if (ok) {
                for (JsonNode commit : d.get("commits")) {
                    leadTimes.add(hours(time(commit.get("time")), time(d.get("time"))));
                }
            }
        }
        double periodDays = hours(time(deployments.get("period").get("start")), time(deployments.get("period").get("end"))) / 24;
        Map<String, Double> defects = new TreeMap<>(Map.of("critical", 0.0, "high", 0.0, "medium", 0.0, "low", 0.0));
        double escaped = 0;
        for (JsonNode defect : deployments.get("defects")) {
            defects.merge(defect.get("severity").asText(), 1.0, Double::sum);
            escaped += defect.get("found").asText().equals("after_release") ? 1 : 0;
        }

        Map<String, Double> kpis = new LinkedHashMap<>();
        kpis.put("plan_accuracy", ratio(done, planned, 100));
        kpis.put("delivered_vs_planned_ratio", ratio(donePoints, plannedPoints, 1));
        kpis.put("scope_variance_pct", ratio(droppedPoints, plannedPoints, 100));
        kpis.put("planning_velocity", ratio(donePoints, cycleDays, 1));
        kpis.put("lead_time_days", validated == null ? null : hours(created, validated) / 24);
        kpis.put("cycle_time_days", validated == null || packaged == null ? null : hours(packaged, validated) / 24);
        kpis.put("unit_coverage_pct", lcovLinePercent(OUTCOMES.resolve("lcov.info")));
        kpis.put("unit_coverage_delta", null);
        kpis.put("e2e_coverage_delta", null);
        kpis.put("test_pass_rate", ratio(passed, tests - skipped, 100));
        kpis.put("a11y_pass_rate", ratio(a11yPasses, a11yPasses + a11yViolations, 100));
        kpis.put("defects_critical", defects.get("critical"));
        kpis.put("defects_high", defects.get("high"));
        kpis.put("defects_medium", defects.get("medium"));
        kpis.put("defects_low", defects.get("low"));
        kpis.put("defect_escape_rate", ratio(escaped, deployments.get("defects").size(), 100));
        kpis.put("dependency_fulfillment_rate", null); // the example plan has no cross-stream dependency
        kpis.put("on_time_handoff_pct", packaged == null || latestDue == null ? null
                : packaged.atOffset(ZoneOffset.UTC).toLocalDate().isAfter(latestDue) ? 0.0 : 100.0);
        kpis.put("cross_stream_first_pass_pct", checks.get("PLANNEDREADY_FOR_HANDOFFcross_stream_consistency") ? 100.0 : 0.0);
        kpis.put("critical_violations_count", YAML.readTree(root.resolve(
                "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toFile())
                .get("governance").get("critical_violations").asDouble());
        kpis.put("mean_time_to_green_hours", checks.isEmpty() ? null : 0.0); // every check passed at once
        kpis.put("gate_rerun_rate", ratio(gateRuns - checks.size(), gateRuns, 100));
        kpis.put("quality_gate_pass_rate", ratio(gatePasses, gateRuns, 100));
        kpis.put("handoff_success_rate", ratio(handoffsAccepted, handoffs, 100));
        kpis.put("deployment_frequency", ratio(deploymentsTotal, periodDays, 7));
        kpis.put("lead_time_for_changes_hours", median(leadTimes));
        kpis.put("change_failure_rate", ratio(deploymentsFailed, deploymentsTotal, 100));
        kpis.put("failed_deployment_recovery_time_hours", median(recoveries));
        kpis.put("deployment_rework_rate", ratio(rework, deploymentsTotal, 100));
        return kpis;
    }

    private static Double ratio(double numerator, double denominator, double factor) {
        return denominator == 0 ? null : numerator / denominator * factor;
    }

    private static Double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? null : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 3_600_000.0;
    }

    private static Instant time(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    private static JsonNode frontMatter(Path digest) throws Exception {
        String text = Files.readString(digest, StandardCharsets.UTF_8);
        int end = text.indexOf("\n---\n", 4);
        return YAML.readTree(text.substring(4, end + 1));
    }
}
