package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.EventLines;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code planning lint} over the cycles' event logs ({@link WorkspaceLinter}, through
 * {@link dev.planning.engine.internal.eventlog.EventLogLint}): every bad line of a log is one finding at its line
 * (and column, where the JSON parser stops), a good log none, and the log is never written, not even to cut a torn
 * last line the store would cut.
 */
class EventLogLintTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path workspace;

    private Path log;
    private byte[] before;

    @BeforeEach
    void writeAWorkspaceWithAGoodLogOfFiveEvents() {
        Plans.feWorkspace(workspace);
        FileEventStore store = new FileEventStore(workspace);
        String head = RecordedEvent.GENESIS;
        for (int i = 1; i <= 5; i++) {
            head = store.append(CYCLE, event(i), head).hash();
        }
        log = workspace.resolve(LOG);
    }

    @AfterEach
    void lintNeverWritesTheLog() throws IOException {
        if (before != null) {
            assertThat(Files.readAllBytes(log)).isEqualTo(before);
        }
    }

    /** A first event of another cycle's log. */
    private static PlanningEvent event(CycleRef cycle, String id) {
        return new PlanningEvent(id, Instant.parse("2025-09-02T10:00:00Z"), EventType.STATE_TRANSITION,
                Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF), cycle.toString(), "ci",
                Map.of("schema_lint", GateStatus.PASS), Map.of("transition", "validate_complete"));
    }

    /** The {@code n}-th event of a good log: handed off, sent back, handed off again (a history the fold allows). */
    private static PlanningEvent event(int n) {
        boolean forward = n % 2 == 1;
        return new PlanningEvent("evt_" + n, Instant.parse("2025-09-02T10:00:00Z"), EventType.STATE_TRANSITION,
                Optional.of(forward ? CycleState.PLANNED : CycleState.READY_FOR_HANDOFF),
                Optional.of(forward ? CycleState.READY_FOR_HANDOFF : CycleState.PLANNED), CYCLE.toString(), "ci",
                Map.of("schema_lint", GateStatus.PASS),
                Map.of("transition", forward ? "validate_complete" : "validation_failed"));
    }

    /** The log's lines, without their line feeds. */
    private List<byte[]> lines() throws IOException {
        byte[] all = Files.readAllBytes(log);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    /** Writes the log anew: {@code lines}, each ended by {@code ending}, then {@code tail}; remembered as "before". */
    private void write(List<byte[]> lines, String ending, byte[] tail) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.write(line);
            out.write(ending.getBytes(StandardCharsets.UTF_8));
        }
        out.write(tail);
        Files.write(log, out.toByteArray());
        before = out.toByteArray();
    }

    /** The log with line {@code number} replaced by {@code bytes}. */
    private void replaceLine(int number, byte[] bytes) throws IOException {
        List<byte[]> lines = lines();
        lines.set(number - 1, bytes);
        write(lines, "\n", new byte[0]);
    }

    private LintReport lint() {
        return lint(Optional.empty(), Optional.empty());
    }

    /** Lint of the selected stream and cycle; every finding located, without a stack trace or an absolute path. */
    private LintReport lint(Optional<String> stream, Optional<String> cycleId) {
        LintReport report = WorkspaceLinter.withDefaultLayout().lint(workspace, stream, cycleId);
        for (Finding finding : report.findings()) {
            assertThat(finding.message()).doesNotContain("Exception", "\tat ", "com.fasterxml");
            // Named relative to the workspace, as every finding names its file (lint35).
            assertThat(finding.message()).doesNotContain(workspace.toString(), real(workspace).toString());
            assertThat(finding.location()).isPresent();
        }
        return report;
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aGoodLogHasNoFindingAndIsAFileChecked() throws IOException {
        before = Files.readAllBytes(log);

        LintReport report = lint();

        assertThat(report.findings()).isEmpty();
        assertThat(report.filesChecked()).contains(LOG);
        // The empty lock file the store's appends leave beside the log is no finding.
        assertThat(workspace.resolve(LOG + ".lock")).isRegularFile();
    }

    /** A hostile line 2 of 5, what the finding must say, and whether Jackson's parser gives the column. */
    static List<Arguments> hostileLines() {
        byte[] invalidUtf8 = bytes("{\"type\":\"planning_event\",\"version\":\"1.0.0\",\"event\":\"x");
        byte[] withInvalid = Arrays.copyOf(invalidUtf8, invalidUtf8.length + 3);
        withInvalid[invalidUtf8.length] = (byte) 0xff;
        withInvalid[invalidUtf8.length + 1] = (byte) 0xfe;
        withInvalid[invalidUtf8.length + 2] = '"';
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) 'x');
        return List.of(
                Arguments.of("not JSON", bytes("not json at all"), "not valid JSON", true),
                Arguments.of("JSON, not an object", bytes("[1,2,3]"), "expected a JSON object", false),
                Arguments.of("an empty line", new byte[0], "expected a JSON object", false),
                Arguments.of("a cut line", bytes("{\"type\":\"planning_event\",\"vers"), "not valid JSON", true),
                Arguments.of("invalid UTF-8", withInvalid, "Invalid UTF-8", true),
                Arguments.of("a NUL byte", bytes("{\"type\":\"planning\u0000_event\"}"), "not valid JSON", true),
                Arguments.of("a line of 10 MB", tenMegabytes, "is longer than " + FileEventStore.MAX_LINE_BYTES
                        + " bytes", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLines")
    void aHostileLineIsOneErrorAtItsLine(String what, byte[] line, String expected, boolean hasColumn)
            throws IOException {
        replaceLine(2, line);

        LintReport report = lint();

        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.code()).isEqualTo(LintCodes.EVENT_INVALID);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.location().orElseThrow().file()).isEqualTo(LOG);
        assertThat(finding.location().orElseThrow().line()).isEqualTo(2);
        assertThat(finding.location().orElseThrow().column() > 0).isEqualTo(hasColumn);
        assertThat(finding.message()).startsWith("line 2 ").contains(expected);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void theColumnIsWhereTheParserStopped() throws IOException {
        replaceLine(3, bytes("{\"type\":\"planning_event\",,}"));

        Finding finding = lint().findings().get(0);

        assertThat(finding.location().orElseThrow().line()).isEqualTo(3);
        assertThat(finding.location().orElseThrow().column()).isEqualTo(26); // the second comma: 1-based, as editors count
        assertThat(finding.describe()).startsWith(LOG + ":3:26: error: line 3 is not a readable planning event:"
                + " not valid JSON: Unexpected character (','");
    }

    @Test
    void aMissingFieldAndAWrongTypeAreOneErrorEachNamingTheField() throws IOException {
        List<byte[]> lines = lines();
        lines.set(1, bytes(text(lines.get(1)).replace("\"id\":\"evt_2\",", "")));
        lines.set(3, bytes(text(lines.get(3)).replace("\"timestamp\":\"2025-09-02T10:00:00Z\"", "\"timestamp\":17")));
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::describe).containsExactly(
                LOG + ":2: error: line 2 is not a readable planning event: expected a string at event.id [event.invalid]",
                LOG + ":4: error: line 4 is not a readable planning event: expected a string at event.timestamp"
                        + " [event.invalid]");
    }

    @Test
    void severalBadLinesOfOneFileAreOneFindingEach() throws IOException {
        List<byte[]> lines = lines();
        lines.set(0, bytes("garbage"));
        lines.set(2, bytes("{}"));
        lines.set(4, bytes("\"a string\""));
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(f -> f.location().orElseThrow().line()).containsExactly(1, 3, 5);
        assertThat(findings).extracting(Finding::code).containsOnly(LintCodes.EVENT_INVALID);
    }

    /**
     * time41: a log whose chain holds (anyone can compute it, no key is needed) but whose time goes backwards twice is
     * two errors, each at its line naming both times and what was expected, as the store refuses the log at the first.
     */
    @Test
    void eachEventDatedBeforeTheEventBeforeItIsOneErrorAtItsLineThoughTheChainHolds() throws IOException {
        // Written by hand, chained as the store chains its lines: the store refuses to append such a line (time43).
        String head = RecordedEvent.GENESIS;
        String[] times = {"10:00", "11:00", "09:00", "11:00", "08:00"};
        List<byte[]> lines = new ArrayList<>();
        for (int i = 1; i <= times.length; i++) {
            PlanningEvent e = event(i);
            byte[] line = EventLines.encode(new PlanningEvent(e.id(),
                    Instant.parse("2025-09-02T" + times[i - 1] + ":00Z"), e.type(), e.fromState(), e.toState(),
                    e.entityId(), e.triggeredBy(), e.gateResults(), e.details()), head);
            lines.add(line);
            head = EventLines.hash(line);
        }
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::code).containsOnly(LintCodes.EVENT_HISTORY);
        assertThat(findings).extracting(f -> f.location().orElseThrow().line()).containsExactly(3, 5);
        assertThat(findings.get(0).message()).startsWith("line 3 is dated 2025-09-02T09:00:00Z, before line 2, dated"
                + " 2025-09-02T11:00:00Z").contains("expected a timestamp no earlier than 2025-09-02T11:00:00Z");
        assertThat(findings.get(1).message()).startsWith("line 5 is dated 2025-09-02T08:00:00Z, before line 4, dated"
                + " 2025-09-02T11:00:00Z");
    }

    @Test
    void anEditedLineBreaksTheChainAtTheNextLineAsTheStoreReadsIt() throws IOException {
        List<byte[]> lines = lines();
        lines.set(1, bytes(text(lines.get(1)).replace("\"triggered_by\":\"ci\"", "\"triggered_by\":\"someone\"")));
        lines.set(3, bytes(text(lines.get(3)).replace("\"triggered_by\":\"ci\"", "\"triggered_by\":\"someone\"")));
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::code).containsOnly(LintCodes.EVENT_CHAIN);
        assertThat(findings).extracting(f -> f.location().orElseThrow().line()).containsExactly(3, 5);
        assertThat(findings.get(0).message()).startsWith("line 3 does not chain to line 2: expected prev_sha256 ");
    }

    /**
     * The store reads a line ending in a carriage return (white space after the JSON) but its hash is of its bytes:
     * lines 2 to 5 do not chain. One conversion, one finding (lint36: one at each of lines 2 to 5).
     */
    @Test
    void crlfLineEndingsAreOneErrorAtTheFirstLineWithTheCause() throws IOException {
        write(lines(), "\r\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.EVENT_INVALID);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location().orElseThrow().line()).isEqualTo(1);
            assertThat(f.message()).startsWith("line 1 ends with a carriage return")
                    .contains("CRLF line endings", "line 2 no longer chains to it", "reported here once");
        });
        assertThatThrownBy(() -> new FileEventStore(workspace).read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class).hasMessageStartingWith("line 2 does not chain");
    }

    /** review36b: the carriage return's finding named line 1 alone (column 0, unknown), though its column is known. */
    @Test
    void aCarriageReturnIsReportedAtItsColumn() throws IOException {
        List<byte[]> lines = lines();
        int first = lines.get(0).length;
        int last = lines.get(4).length;
        write(lines, "\r\n", new byte[0]);
        List<Finding> chained = lint().findings();
        lines.set(4, bytes(text(lines.get(4)) + "\r"));
        write(lines, "\n", new byte[0]);
        List<Finding> unchained = lint().findings();

        // Columns are byte offsets, 1-based, as the codec counts them: the carriage return is the byte after the line.
        assertThat(chained).singleElement().satisfies(f -> assertThat(f.location().orElseThrow())
                .isEqualTo(new SourceLocation(f.location().orElseThrow().file(), 1, first + 1)));
        assertThat(unchained).singleElement().satisfies(f -> assertThat(f.location().orElseThrow())
                .isEqualTo(new SourceLocation(f.location().orElseThrow().file(), 5, last + 1)));
    }

    /** lint36: the carriage return hint at each of lines 2 to 5, and no word of the mark. */
    @Test
    void aByteOrderMarkAndCrlfLineEndingsAreOneErrorEachAtTheFirstLine() throws IOException {
        List<byte[]> lines = lines();
        lines.set(0, bytes(MARK + text(lines.get(0))));
        write(lines, "\r\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsOnly(tuple(LintCodes.EVENT_INVALID, 1));
        assertThat(findings).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("line 1 starts with a byte-order mark"),
                m -> assertThat(m).startsWith("line 1 ends with a carriage return"));
    }

    @Test
    void crlfLineEndingsAndAnEditedLineAreOneErrorEach() throws IOException {
        List<byte[]> lines = lines();
        lines.set(2, bytes(text(lines.get(2)).replace("\"triggered_by\":\"ci\"", "\"triggered_by\":\"someone\"")));
        write(lines, "\r\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_INVALID, 1), tuple(LintCodes.EVENT_CHAIN, 4));
        assertThat(findings.get(1).message()).startsWith("line 4 does not chain to line 3")
                .doesNotContain("carriage return");
    }

    @Test
    void aCarriageReturnOnTheLastLineWhichNoLineChainsToIsAWarning() throws IOException {
        List<byte[]> lines = lines();
        lines.set(4, bytes(text(lines.get(4)) + "\r"));
        write(lines, "\n", new byte[0]);

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location().orElseThrow().line()).isEqualTo(5);
            assertThat(f.message()).startsWith("line 5 ends with a carriage return").contains("the store reads it");
        });
        assertThat(report.passed()).isTrue();
        assertThat(new FileEventStore(workspace).read(CYCLE)).hasSize(5);
    }

    @Test
    void aTornLastLineIsAWarningThatTheNextReadCutsItAndIsLeftInPlace() throws IOException {
        write(lines(), "\n", bytes("{\"type\":\"planning_event\",\"ver"));

        LintReport report = lint();

        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.code()).isEqualTo(LintCodes.EVENT_TORN);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.location().orElseThrow().line()).isEqualTo(6);
        assertThat(finding.message()).contains("torn line", "cuts the line away", "lint leaves it as it is");
        assertThat(report.passed()).isTrue();
        // The store says the same: its read cuts it and finds five events.
        byte[] linted = Files.readAllBytes(log);
        assertThat(linted).isEqualTo(before);
        assertThat(new FileEventStore(workspace).read(CYCLE)).hasSize(5);
        before = null;
    }

    @Test
    void aWholeLastEventWithoutItsLineFeedIsAnErrorAsTheStoreRefusesIt() throws IOException {
        List<byte[]> lines = lines();
        byte[] last = lines.remove(4);
        write(lines, "\n", last);

        Finding finding = lint().findings().get(0);

        assertThat(lint().findings()).hasSize(1);
        assertThat(finding.code()).isEqualTo(LintCodes.EVENT_INVALID);
        assertThat(finding.location().orElseThrow().line()).isEqualTo(5);
        assertThat(finding.message()).startsWith("line 5 is a whole event without the line feed")
                .contains("(printf '\\n' >> " + LOG + ", in the workspace's directory)");
    }

    /** errs37: a whole last event without its line feed was not judged; its chain broke only at the next lint. */
    @Test
    void aWholeLastEventWithoutItsLineFeedIsJudgedAsEveryLineInTheSameRun() throws IOException {
        List<byte[]> lines = lines();
        byte[] last = lines.remove(4);
        lines.remove(3);
        write(lines, "\n", last);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactlyInAnyOrder(tuple(LintCodes.EVENT_INVALID, 4), tuple(LintCodes.EVENT_CHAIN, 4));
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.EVENT_CHAIN)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("line 4"));
    }

    /** errs37: a whole last event without its line feed whose move the fold refuses is that move too, at its line. */
    @Test
    void aWholeLastEventWithoutItsLineFeedThatTheHistoryRefusesIsBothMistakesAtItsLine() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        List<byte[]> lines = lines();
        byte[] last = lines.remove(5);
        write(lines, "\n", last);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactlyInAnyOrder(tuple(LintCodes.EVENT_INVALID, 6), tuple(LintCodes.EVENT_HISTORY, 6));
    }

    /** A half-written last line after a crash is no event: a warning, judged no further, and the fold is not moved. */
    @Test
    void aTornLastLineIsNotJudgedAsAnEvent() throws IOException {
        List<byte[]> lines = lines();
        String half = text(lines.get(4));
        write(lines.subList(0, 4), "\n", bytes(half.substring(0, half.length() - 1)));

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_TORN, 5));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aTornLineLongerThanALineMayBeIsAnError() throws IOException {
        byte[] tail = new byte[FileEventStore.MAX_LINE_BYTES + 1];
        Arrays.fill(tail, (byte) 'x');
        write(lines(), "\n", tail);

        Finding finding = lint().findings().get(0);

        assertThat(finding.code()).isEqualTo(LintCodes.EVENT_INVALID);
        assertThat(finding.location().orElseThrow().line()).isEqualTo(6);
        assertThat(finding.message()).contains("is longer than");
    }

    @Test
    void linesAcrossTheReadBuffersAreSplitWhereTheStoreSplitsThem() throws IOException {
        // 200 more lines of about 1 KB: lines cross the 64 KiB reads; the one bad line is found at its number.
        FileEventStore store = new FileEventStore(workspace);
        List<RecordedEvent> events = store.read(CYCLE);
        String head = events.get(events.size() - 1).hash();
        for (int i = 6; i <= 205; i++) {
            head = store.append(CYCLE, new PlanningEvent("evt_" + i, Instant.parse("2025-09-02T10:00:00Z"),
                    EventType.GATE_EVALUATED, Optional.empty(), Optional.empty(), CYCLE.toString(), "ci", Map.of(),
                    Map.of("note", "n".repeat(1_000))), head).hash();
        }
        assertThat(lint().findings()).isEmpty();
        replaceLine(150, bytes(text(lines().get(149)).replace("\"note\":", "\"note\"")));

        List<Finding> findings = lint().findings();

        assertThat(findings).extracting(Finding::describe).singleElement().asString()
                .startsWith(LOG + ":150:").contains("not valid JSON");
    }

    @Test
    void anotherCyclesLogCopiedInIsAnErrorAtEachLine() throws IOException {
        CycleRef other = new CycleRef("fe", "2025-10-01");
        Path otherLog = workspace.resolve("frameworks/planning-fe/events/2025-10-01.events.jsonl");
        Files.copy(log, otherLog);
        before = Files.readAllBytes(log);

        List<Finding> findings = lint(Optional.of("fe"), Optional.of(other.cycleId())).findings();

        assertThat(findings).filteredOn(f -> f.code().equals(LintCodes.EVENT_CHAIN)).hasSize(5)
                .allSatisfy(f -> assertThat(f.message()).contains("is an event of fe/2025-09-02, not of fe/2025-10-01")
                        .contains("restore frameworks/planning-fe/events/2025-10-01.events.jsonl from version control"));
        assertThat(Files.readAllBytes(otherLog)).isEqualTo(before);
    }

    @Test
    void onlyTheSelectedCyclesLogIsRead() throws IOException {
        replaceLine(2, bytes("not json"));

        LintReport other = WorkspaceLinter.withDefaultLayout()
                .lint(workspace, Optional.of("fe"), Optional.of("2025-10-01"));

        assertThat(other.filesChecked()).doesNotContain(LOG);
        assertThat(other.findings()).noneMatch(f -> f.code().startsWith("event."));
    }

    /** The findings about event logs and the places they are listed from, as "file:line: code". */
    private static List<String> logFindings(LintReport report) {
        return report.findings().stream()
                .filter(f -> f.code().startsWith("event.") || f.code().equals(LintCodes.FILE_UNREADABLE)
                        || f.code().equals(LintCodes.FILE_MISNAMED))
                .map(f -> f.location().orElseThrow().file() + ":" + f.location().orElseThrow().line() + ": " + f.code())
                .toList();
    }

    private void appendToAnotherStreamsLog(String stream) {
        CycleRef other = new CycleRef(stream, CYCLE.cycleId());
        new FileEventStore(workspace).append(other, event(other, "evt_" + stream), RecordedEvent.GENESIS);
    }

    @Test
    void aLogNotNamedAfterACycleIsOneFindingAndTheStreamsOtherLogsAreLintedStill() throws IOException {
        replaceLine(2, bytes("not json"));
        String misnamed = "frameworks/planning-fe/events/not a cycle.events.jsonl";
        Files.writeString(workspace.resolve(misnamed), "{}\n", StandardCharsets.UTF_8);

        LintReport report = lint();

        // It stopped every log's lint: the bad line 2 went unreported. lint36: it was file.unreadable, where a
        // misnamed digest is file.misnamed.
        assertThat(logFindings(report)).containsExactlyInAnyOrder(misnamed + ":0: " + LintCodes.FILE_MISNAMED,
                LOG + ":2: " + LintCodes.EVENT_INVALID);
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.FILE_MISNAMED)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is not named after a cycle",
                        "a log is named <cycle-id>.events.jsonl"));
    }

    @Test
    void anotherStreamsLogNameOnADirectoryNeitherStopsNorConcernsLintOfTheSelectedStream() throws IOException {
        replaceLine(2, bytes("not json"));
        String directory = "frameworks/planning-be/events/2025-10-01.events.jsonl";
        Files.createDirectories(workspace.resolve(directory));

        assertThat(logFindings(lint(Optional.of("fe"), Optional.empty())))
                .containsExactly(LOG + ":2: " + LintCodes.EVENT_INVALID);
        assertThat(logFindings(lint())).containsExactlyInAnyOrder(directory + ":0: " + LintCodes.FILE_UNREADABLE,
                LOG + ":2: " + LintCodes.EVENT_INVALID);
    }

    @Test
    void anEventsDirectoryThatCannotBeListedIsOneFindingAndEveryOtherStreamsLogsAreLinted() throws IOException {
        // No permission is needed (tests may run as root): a link that leads to itself cannot be examined either.
        replaceLine(2, bytes("not json"));
        appendToAnotherStreamsLog("be");
        Path events = Files.createDirectories(workspace.resolve("frameworks/planning-ops")).resolve("events");
        Files.createSymbolicLink(events, events.getFileName());
        Files.createSymbolicLink(workspace.resolve("frameworks/planning-gone"), workspace.resolve("nowhere"));

        LintReport report = lint();

        assertThat(logFindings(report)).containsExactlyInAnyOrder(
                "frameworks/planning-gone:0: " + LintCodes.FILE_UNREADABLE,
                LOG + ":2: " + LintCodes.EVENT_INVALID,
                "frameworks/planning-ops/events:0: " + LintCodes.FILE_UNREADABLE);
        assertThat(report.filesChecked()).contains(LOG, "frameworks/planning-be/events/2025-09-02.events.jsonl");
    }

    @Test
    void withACycleSelectedOnlyTheEntriesNamedAfterItAreListed() throws IOException {
        replaceLine(2, bytes("not json"));
        Files.writeString(workspace.resolve("frameworks/planning-fe/events/not a cycle.events.jsonl"), "{}\n",
                StandardCharsets.UTF_8);
        String directory = "frameworks/planning-be/events/" + CYCLE.cycleId() + ".events.jsonl";
        Files.createDirectories(workspace.resolve(directory));
        Files.createDirectories(workspace.resolve("frameworks/planning-be/events/2025-10-01.events.jsonl"));

        assertThat(logFindings(lint(Optional.empty(), Optional.of(CYCLE.cycleId())))).containsExactlyInAnyOrder(
                directory + ":0: " + LintCodes.FILE_UNREADABLE, LOG + ":2: " + LintCodes.EVENT_INVALID);
        assertThat(logFindings(lint(Optional.of("fe"), Optional.of(CYCLE.cycleId()))))
                .containsExactly(LOG + ":2: " + LintCodes.EVENT_INVALID);
    }

    private static final String MARK = "\uFEFF";

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsOneErrorAtItSayingWhatWasExpected() throws IOException {
        List<byte[]> lines = lines();
        lines.set(0, bytes(MARK + text(lines.get(0))));
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        // It was "line 2 does not chain to line 1" alone, at line 2, with no word of the mark.
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.EVENT_INVALID);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location().orElseThrow().line()).isEqualTo(1);
            assertThat(f.location().orElseThrow().column()).isEqualTo(1);
            assertThat(f.message()).startsWith("line 1 starts with a byte-order mark (the bytes EF BB BF)")
                    .contains("line 2 no longer chains to it", "expected the line to start with '{'",
                            "remove the mark");
        });
        // The store refuses the log where lint said it would.
        assertThatThrownBy(() -> new FileEventStore(workspace).read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class).hasMessageStartingWith("line 2 does not chain");
    }

    @Test
    void aByteOrderMarkOnTheLastLineWhichNoLineChainsToIsAWarning() throws IOException {
        List<byte[]> lines = lines();
        lines.set(4, bytes(MARK + text(lines.get(4))));
        write(lines, "\n", new byte[0]);

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location().orElseThrow().line()).isEqualTo(5);
            assertThat(f.message()).startsWith("line 5 starts with a byte-order mark").contains("the store reads it");
        });
        assertThat(report.passed()).isTrue();
        assertThat(new FileEventStore(workspace).read(CYCLE)).hasSize(5);
    }

    @Test
    void aByteOrderMarkTheLogWasAppendedToSinceIsHistoryThatChainsAndNoFinding() throws IOException {
        List<byte[]> lines = lines();
        lines.set(4, bytes(MARK + text(lines.get(4))));
        write(lines, "\n", new byte[0]);
        FileEventStore store = new FileEventStore(workspace);
        store.append(CYCLE, event(6), store.read(CYCLE).get(4).hash());
        before = null;

        assertThat(lint().findings()).isEmpty();
    }

    @Test
    void aLockFileThatIsADirectoryIsOneErrorAtItAsTheStoreRefusesTheLog() throws IOException {
        Path lock = workspace.resolve(LOG + ".lock");
        Files.delete(lock);
        Files.createDirectory(lock);
        before = Files.readAllBytes(log);

        List<Finding> findings = lint().findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.FILE_UNREADABLE);
            assertThat(f.location().orElseThrow().file()).isEqualTo(LOG + ".lock");
            assertThat(f.message()).contains("the lock file " + LOG + ".lock is not a regular file", "Remove it");
        });
        assertThatThrownBy(() -> new FileEventStore(workspace).read(CYCLE)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("is not a regular file");
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsOneErrorAtIt() throws IOException {
        Path lock = workspace.resolve(LOG + ".lock");
        Files.delete(lock);
        Path elsewhere = Files.writeString(workspace.resolve("elsewhere"), "", StandardCharsets.UTF_8);
        Files.createSymbolicLink(lock, elsewhere);
        before = Files.readAllBytes(log);

        assertThat(lint().findings()).singleElement().satisfies(f -> {
            assertThat(f.location().orElseThrow().file()).isEqualTo(LOG + ".lock");
            assertThat(f.message()).contains("the lock file " + LOG + ".lock is a symbolic link");
        });
    }

    private static final CycleRef NO_LOG_YET = new CycleRef("fe", "2025-10-01");
    private static final String LOCK_ALONE = "frameworks/planning-fe/events/2025-10-01.events.jsonl.lock";

    /** The findings about files other than the log, as "file: code". */
    private static List<String> otherFindings(LintReport report) {
        return report.findings().stream().filter(f -> !f.location().orElseThrow().file().equals(LOG))
                .map(f -> f.location().orElseThrow().file() + ": " + f.code()).toList();
    }

    /**
     * lint36: a committed lock directory of a cycle without a log passed lint, and the store refuses the cycle (its
     * status; its first advance).
     */
    @Test
    void aLockDirectoryWithNoLogBesideItIsOneErrorAtItAsTheStoreRefusesTheCycle() throws IOException {
        Files.createDirectories(workspace.resolve(LOCK_ALONE));
        before = Files.readAllBytes(log);

        LintReport report = lint();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.FILE_UNREADABLE);
            assertThat(f.location().orElseThrow().file()).isEqualTo(LOCK_ALONE);
            assertThat(f.message()).startsWith("the cycle has no log yet")
                    .contains("the lock file " + LOCK_ALONE + " is not a regular file", "Remove it");
        });
        assertThatThrownBy(() -> new FileEventStore(workspace).read(NO_LOG_YET)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("is not a regular file");
        assertThat(workspace.resolve("frameworks/planning-fe/events/2025-10-01.events.jsonl")).doesNotExist();
    }

    @Test
    void aLockLinkWithNoLogBesideItIsOneErrorAtItAndOnlyTheSelectedCyclesLockIsRead() throws IOException {
        Files.createSymbolicLink(workspace.resolve(LOCK_ALONE), log);
        before = Files.readAllBytes(log);

        assertThat(otherFindings(lint())).containsExactly(LOCK_ALONE + ": " + LintCodes.FILE_UNREADABLE);
        assertThat(otherFindings(lint(Optional.of("fe"), Optional.of(NO_LOG_YET.cycleId()))))
                .contains(LOCK_ALONE + ": " + LintCodes.FILE_UNREADABLE);
        assertThat(otherFindings(lint(Optional.of("fe"), Optional.of(CYCLE.cycleId())))).isEmpty();
        assertThat(otherFindings(lint(Optional.of("be"), Optional.empty()))).doesNotContain(
                LOCK_ALONE + ": " + LintCodes.FILE_UNREADABLE);
    }

    /** What the store leaves when a first append stops before the log is made, and what it locks again: no finding. */
    @Test
    void aPlainLockFileWithNoLogAndALockOfNoCyclesLogAreNoFinding() throws IOException {
        Files.createFile(workspace.resolve(LOCK_ALONE));
        Files.createDirectories(workspace.resolve("frameworks/planning-fe/events/not a cycle.events.jsonl.lock"));
        before = Files.readAllBytes(log);

        assertThat(lint().findings()).isEmpty();
        assertThat(new FileEventStore(workspace).read(NO_LOG_YET)).isEmpty();
    }

    /**
     * lint36: an {@code events} path that is a file was listed as no logs, without a finding, and the store told the
     * stream's cycles as without history until an append failed. Now one error at it, and every other log linted.
     */
    @Test
    void anEventsPathThatIsAFileOrADanglingLinkIsOneErrorAtItAndTheOtherLogsAreLinted() throws IOException {
        replaceLine(2, bytes("not json"));
        Path file = Files.createDirectories(workspace.resolve("frameworks/planning-be")).resolve("events");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        Path link = Files.createDirectories(workspace.resolve("frameworks/planning-ops")).resolve("events");
        Files.createSymbolicLink(link, workspace.resolve("nowhere"));

        LintReport report = lint();

        assertThat(logFindings(report)).containsExactlyInAnyOrder(
                "frameworks/planning-be/events:0: " + LintCodes.FILE_UNREADABLE,
                "frameworks/planning-ops/events:0: " + LintCodes.FILE_UNREADABLE,
                LOG + ":2: " + LintCodes.EVENT_INVALID);
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.FILE_UNREADABLE))
                .allSatisfy(f -> assertThat(f.message()).contains("is no directory"));
        assertThatThrownBy(() -> new FileEventStore(workspace).logFiles()).isInstanceOf(PlanningException.class)
                .hasMessageContaining("events directory frameworks/planning-be/events is no directory");
    }

    /** review35: the byte-order-mark hint and the history fold, merged by hand, together. */
    private void appendAMoveFromAStateTheCycleIsNotIn() {
        // After five events the cycle is READY_FOR_HANDOFF; event 7 moves it from PLANNED.
        FileEventStore store = new FileEventStore(workspace);
        store.append(CYCLE, event(7), store.read(CYCLE).get(4).hash());
    }

    /** What status and gate do with the log: fold it as read by the store. */
    private void statusRefuses() {
        assertThatThrownBy(() -> CycleFold.fold(LOG, new FileEventStore(workspace).read(CYCLE)))
                .isInstanceOf(EventLogCorruptedException.class);
    }

    /** lint36: the move was told only once the mark was removed, at the next lint. */
    @Test
    void aByteOrderMarkOnTheFirstLineAndAnImpossibleMoveAreOneErrorEachInOneRun() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        List<byte[]> lines = lines();
        lines.set(0, bytes(MARK + text(lines.get(0))));
        write(lines, "\n", new byte[0]);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_INVALID, 1), tuple(LintCodes.EVENT_HISTORY, 6));
        statusRefuses();
    }

    @Test
    void aByteOrderMarkOnTheLastLineAfterAnImpossibleMoveIsOneErrorAndOneWarning() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        List<byte[]> lines = lines();
        lines.set(5, bytes(MARK + text(lines.get(5))));
        write(lines, "\n", new byte[0]);

        LintReport report = lint();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_HISTORY, 6),
                        tuple(LintCodes.EVENT_INVALID, 6));
        statusRefuses();
    }

    @Test
    void aTornLastLineAfterAnImpossibleMoveIsTheMoveAtItsLineAndTheTornLine() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        write(lines(), "\n", bytes("{\"type\":\"planning_event\",\"ver"));

        LintReport report = lint();

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_HISTORY, 6),
                        tuple(LintCodes.EVENT_TORN, 7));
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
        before = null; // the store's read below cuts the torn line
        statusRefuses();
    }

    @Test
    void moreThanFiftyBadLinesThenAByteOrderMarkOnTheLastAreFiftyFindingsAndACountOfTheRest() throws IOException {
        List<byte[]> lines = lines();
        byte[] last = bytes(MARK + text(lines.get(4)));
        for (int i = 0; i < 60; i++) {
            lines.add(bytes("garbage"));
        }
        lines.add(last);
        write(lines, "\n", new byte[0]);

        List<Finding> findings = lint().findings();

        assertThat(findings).hasSize(51);
        assertThat(findings).filteredOn(f -> f.location().orElseThrow().line() > 0)
                .extracting(f -> f.location().orElseThrow().line()).containsExactlyElementsOf(
                        IntStream.rangeClosed(6, 55).boxed().toList());
        // Ten more bad lines and the mark on line 66: lint36, they were "11 more bad lines", the warning among them.
        assertThat(findings).filteredOn(f -> f.location().orElseThrow().line() == 0).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("and 11 more findings in this log, not listed (10 errors,"
                            + " 1 warning); fix those above, then lint again");
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                });
        statusRefuses();
    }

    /** lint36: a warning past the first fifty was counted as a bad line, in an error. */
    @Test
    void aTornLineAfterFiftyBadLinesIsCountedAsTheWarningItIs() throws IOException {
        List<byte[]> lines = lines();
        for (int i = 0; i < 50; i++) {
            lines.add(bytes("garbage"));
        }
        write(lines, "\n", bytes("{\"type\":\"planning_event\",\"ver"));

        List<Finding> findings = lint().findings();

        assertThat(findings).hasSize(51).filteredOn(f -> f.location().orElseThrow().line() == 0).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("and 1 more finding in this log, not listed (1 warning); fix"
                            + " those above, then lint again");
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                });
    }

    @Test
    void aByteOrderMarkOnAMiddleLineAndAnImpossibleMoveAreOneErrorEach() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        List<byte[]> lines = lines();
        lines.set(2, bytes(MARK + text(lines.get(2))));
        write(lines, "\n", new byte[0]);

        LintReport report = lint();

        assertThat(report.findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_INVALID, 3), tuple(LintCodes.EVENT_HISTORY, 6));
        statusRefuses();
    }

    /**
     * lint36: after an unreadable line the cycle's state is not known; the fold takes up again at the next move, from
     * the state it says it starts from (line 3: PLANNED), so the impossible move on line 6 is told in the same run.
     */
    @Test
    void anUnreadableLineAndAnImpossibleMoveAreOneErrorEach() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        replaceLine(2, bytes("not json"));

        assertThat(lint().findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_INVALID, 2), tuple(LintCodes.EVENT_HISTORY, 6));
    }

    @Test
    void aChainBreakAndAnImpossibleMoveAreOneErrorEach() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        List<byte[]> lines = lines();
        lines.set(1, bytes(text(lines.get(1)).replace("\"triggered_by\":\"ci\"", "\"triggered_by\":\"someone\"")));
        write(lines, "\n", new byte[0]);

        assertThat(lint().findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_CHAIN, 3), tuple(LintCodes.EVENT_HISTORY, 6));
    }

    /** The fold takes up again after a move it refused at the next move (line 7), and refuses line 8. */
    @Test
    void eachImpossibleMoveIsOneErrorInOneRun() throws IOException {
        appendAMoveFromAStateTheCycleIsNotIn();
        FileEventStore store = new FileEventStore(workspace);
        String head = store.append(CYCLE, event(8), store.read(CYCLE).get(5).hash()).hash();
        store.append(CYCLE, event(8), head); // READY_FOR_HANDOFF -> PLANNED again, from PLANNED
        before = Files.readAllBytes(log);

        assertThat(lint().findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_HISTORY, 6), tuple(LintCodes.EVENT_HISTORY, 8));
    }

    /** One mistake, one finding: the moves after a deleted line are not judged from the state it would have left. */
    @Test
    void aDeletedLineIsOneChainErrorNotAlsoTheMoveAfterIt() throws IOException {
        List<byte[]> lines = lines();
        lines.remove(2); // line 4, READY_FOR_HANDOFF -> PLANNED, now follows line 2, which left the cycle PLANNED
        write(lines, "\n", new byte[0]);

        assertThat(lint().findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_CHAIN, 3));
    }

    @Test
    void aLogPastedAfterItselfIsOneChainError() throws IOException {
        List<byte[]> lines = lines();
        lines.addAll(lines());
        write(lines, "\n", new byte[0]);

        assertThat(lint().findings()).extracting(Finding::code, f -> f.location().orElseThrow().line())
                .containsExactly(tuple(LintCodes.EVENT_CHAIN, 6));
    }
}
