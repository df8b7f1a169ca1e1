package dev.planning.engine.internal.eventlog;

import static dev.planning.engine.internal.eventlog.TestEvents.CYCLE;
import static dev.planning.engine.internal.eventlog.TestEvents.event;
import static dev.planning.engine.internal.eventlog.TestEvents.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.EventLines;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventStoreTest {

    private static final String LOG = "frameworks/planning-fe/events/2025-09-02.events.jsonl";

    @TempDir
    Path workspace;

    private FileEventStore store() {
        return new FileEventStore(workspace, WorkspaceLayout.DEFAULT);
    }

    /**
     * A store whose clock runs an hour ahead: to it every log looks settled (last changed well
     * before it looked), as a log written minutes before a CI job reads it is.
     */
    private FileEventStore storeAnHourAhead() {
        return new FileEventStore(workspace, WorkspaceLayout.DEFAULT, Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
    }

    private static boolean changeTimesKept() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    private List<RecordedEvent> appendThree() {
        FileEventStore store = store();
        List<RecordedEvent> recorded = new ArrayList<>();
        String head = RecordedEvent.GENESIS;
        for (int i = 1; i <= 3; i++) {
            RecordedEvent event = store.append(CYCLE, event("evt_" + i), head);
            recorded.add(event);
            head = event.hash();
        }
        return recorded;
    }

    private Path log() {
        return workspace.resolve(LOG);
    }

    private List<String> rawLines() throws IOException {
        return Files.readAllLines(log(), StandardCharsets.UTF_8);
    }

    private void writeLines(List<String> lines) throws IOException {
        Files.writeString(log(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void readsNothingForACycleWithoutALog() {
        assertThat(store().read(CYCLE)).isEmpty();
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void writesOneChainedLinePerEventStartingFromGenesis() throws Exception {
        appendThree();

        List<String> lines = rawLines();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).get("prev_sha256").asText()).isEqualTo("0".repeat(64));
        assertThat(json.readTree(lines.get(1)).get("prev_sha256").asText()).isEqualTo(sha256(lines.get(0)));
        assertThat(json.readTree(lines.get(2)).get("prev_sha256").asText()).isEqualTo(sha256(lines.get(1)));
        assertThat(json.readTree(lines.get(2)).get("event").get("id").asText()).isEqualTo("evt_3");
        assertThat(Files.readString(log())).endsWith("}\n");
    }

    @Test
    void readsBackEventsWithLineNumbersAndHashes() throws Exception {
        List<RecordedEvent> appended = appendThree();

        List<RecordedEvent> read = store().read(CYCLE);

        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(read).extracting(RecordedEvent::line).containsExactly(1, 2, 3);
        assertThat(read.get(0).prevHash()).isEqualTo(RecordedEvent.GENESIS);
        assertThat(read.get(2).hash()).isEqualTo(sha256(rawLines().get(2)));
        assertThat(read.get(1).event()).isEqualTo(event("evt_2"));
    }

    @Test
    void appendIsDurableAndVisibleToAnotherStoreInstance() {
        RecordedEvent first = store().append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);

        FileEventStore other = new FileEventStore(workspace);
        assertThat(other.read(CYCLE)).containsExactly(first);
        RecordedEvent second = other.append(CYCLE, event("evt_2"), first.hash());
        assertThat(store().read(CYCLE)).containsExactly(first, second);
    }

    @Test
    void refusesAnAppendWhoseExpectedHeadIsStale() throws Exception {
        FileEventStore store = store();
        RecordedEvent first = store.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        String before = Files.readString(log());

        assertThatThrownBy(() -> store.append(CYCLE, event("evt_2"), RecordedEvent.GENESIS))
                .isInstanceOf(ConcurrentTransitionException.class)
                .hasMessage("cycle fe/2025-09-02 changed while this transition was running: expected head "
                        + RecordedEvent.GENESIS + ", found " + first.hash() + "; re-run to see its new state");
        assertThat(Files.readString(log())).isEqualTo(before);
    }

    @Test
    void refusesAMalformedExpectedHead() {
        assertThatThrownBy(() -> store().append(CYCLE, event("evt_1"), "HEAD"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catchesALineEditedAfterTheSameStoreReadIt() throws Exception {
        appendThree();
        FileEventStore store = store();
        assertThat(store.read(CYCLE)).hasSize(3);
        List<String> lines = new ArrayList<>(rawLines());
        // Same length, so size alone cannot tell: the store compares the bytes it read before.
        lines.set(1, lines.get(1).replace("\"ci\"", "\"xx\""));
        writeLines(lines);

        assertThatThrownBy(() -> store.read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class,
                        e -> assertThat(e.getMessage()).contains("line 3 does not chain to line 2"));
    }

    @Test
    void readsEventsAppendedAfterItsLastReadWithTheirNumbersAndHashes() {
        List<RecordedEvent> first = appendThree();
        FileEventStore store = store();
        assertThat(store.read(CYCLE)).isEqualTo(first);

        RecordedEvent fourth = store.append(CYCLE, event("evt_4"), first.get(2).hash());

        assertThat(store.read(CYCLE)).hasSize(4).endsWith(fourth).startsWith(first.toArray(RecordedEvent[]::new));
        assertThat(store().read(CYCLE)).isEqualTo(store.read(CYCLE));
    }

    @Test
    void reportsAnEditedLineAtTheFirstLineThatNoLongerChains() throws Exception {
        appendThree();
        List<String> lines = new ArrayList<>(rawLines());
        lines.set(1, lines.get(1).replace("\"ci\"", "\"mallory\""));
        writeLines(lines);
        String editedHash = sha256(lines.get(1));

        assertThatThrownBy(() -> store().read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 3, 0));
                    assertThat(e.getMessage()).contains("line 3 does not chain to line 2")
                            .contains("expected prev_sha256 " + editedHash)
                            .contains("line 2 was edited");
                });
    }

    @Test
    void reportsAnEditedLineThatNoLongerParsesAtItsOwnLine() throws Exception {
        appendThree();
        List<String> lines = new ArrayList<>(rawLines());
        lines.set(1, lines.get(1).substring(0, 40));
        writeLines(lines);

        assertThatThrownBy(() -> store().read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 2, 0));
                    assertThat(e.getMessage()).startsWith("line 2 is not a readable planning event: not valid JSON");
                });
    }

    @Test
    void reportsADeletedLine() throws Exception {
        appendThree();
        List<String> lines = new ArrayList<>(rawLines());
        lines.remove(1);
        writeLines(lines);

        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 does not chain to line 1");
    }

    @Test
    void reportsADeletedFirstLine() throws Exception {
        appendThree();
        List<String> lines = new ArrayList<>(rawLines());
        lines.remove(0);
        writeLines(lines);

        assertThatThrownBy(() -> store().read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 1, 0));
                    assertThat(e.getMessage()).contains("line 1 does not start the chain");
                });
    }

    @Test
    void reportsReorderedAndInsertedLines() throws Exception {
        appendThree();
        List<String> original = rawLines();

        writeLines(List.of(original.get(0), original.get(2), original.get(1)));
        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 does not chain to line 1");

        writeLines(List.of(original.get(0), original.get(1), original.get(1), original.get(2)));
        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 3 does not chain to line 2");
    }

    @Test
    void reportsABlankLine() throws Exception {
        appendThree();
        List<String> lines = new ArrayList<>(rawLines());
        lines.add(1, "");
        writeLines(lines);

        assertThatThrownBy(() -> store().read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class,
                        e -> assertThat(e.location()).contains(new SourceLocation(LOG, 2, 0)));
    }

    @Test
    void cutsATornLastLineOnReadAndKeepsEveryCompleteEvent() throws Exception {
        List<RecordedEvent> appended = appendThree();
        long complete = Files.size(log());
        byte[] next = new EventLineCodec().encode(event("evt_4"), appended.get(2).hash());
        Files.write(log(), Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);

        List<RecordedEvent> read = store().read(CYCLE);

        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(Files.size(log())).isEqualTo(complete);
        RecordedEvent fourth = store().append(CYCLE, event("evt_4"), head(read));
        assertThat(fourth.line()).isEqualTo(4);
        assertThat(store().read(CYCLE)).hasSize(4).last().isEqualTo(fourth);
    }

    @Test
    void cutsATornLastLineOnAppend() throws Exception {
        List<RecordedEvent> appended = appendThree();
        Files.write(log(), "{\"type\":\"planning_ev".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        RecordedEvent fourth = store().append(CYCLE, event("evt_4"), appended.get(2).hash());

        assertThat(fourth.line()).isEqualTo(4);
        assertThat(store().read(CYCLE)).hasSize(4);
    }

    /**
     * attack30: a log whose last line is a whole event without its line feed (an editor or a tool that strips
     * the final newline, a hand merge) was "torn": any read, {@code status} included, cut the event away and
     * said nothing, so a committed event vanished from the working tree. Now it is refused, naming the line,
     * and the file keeps every byte.
     */
    @Test
    void aWholeLastEventWithoutItsLineFeedIsRefusedOnReadNotCutAway() throws Exception {
        appendThree();
        byte[] bytes = Files.readAllBytes(log());
        Files.write(log(), Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
            assertThat(e.location()).contains(new SourceLocation(LOG, 3, 0));
            assertThat(e.getMessage()).contains("line 3 is a whole event without the line feed")
                    .contains("nothing was cut");
        });
        assertThat(Files.readAllBytes(log())).isEqualTo(Arrays.copyOf(bytes, bytes.length - 1));
    }

    /**
     * tidy30: the refusal's command named the log relative to the workspace, which pastes only from the workspace's
     * directory, and unquoted. It now names the absolute path as one shell word: pasted anywhere, into {@code sh},
     * with a workspace whose name holds a space, a quote and a {@code $}, it adds the line feed, and the log reads.
     */
    @Test
    void theRefusalsCommandToAddTheLineFeedPastesFromAnyDirectoryForAnyName(@TempDir Path elsewhere)
            throws Exception {
        Path named = Files.createDirectory(workspace.resolve("it's a ws $HOME"));
        FileEventStore store = new FileEventStore(named, WorkspaceLayout.DEFAULT);
        String head = RecordedEvent.GENESIS;
        for (int i = 1; i <= 3; i++) {
            head = store.append(CYCLE, event("evt_" + i), head).hash();
        }
        Path log = named.resolve(LOG);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 1));

        String message = catchThrowableOfType(EventLogCorruptedException.class,
                () -> new FileEventStore(named, WorkspaceLayout.DEFAULT).read(CYCLE)).getMessage();
        Matcher fix = Pattern.compile("\\((printf '\\\\n' >> .*)\\), or delete the"
                + " line to drop it$").matcher(message);
        assertThat(fix.find()).as(message).isTrue();
        assertThat(fix.group(1)).isEqualTo("printf '\\n' >> '" + named.toString().replace("'", "'\\''") + "/" + LOG
                + "'");
        Process sh = new ProcessBuilder("sh", "-c", fix.group(1)).directory(elsewhere.toFile())
                .redirectErrorStream(true).start();
        assertThat(sh.waitFor()).isZero();

        assertThat(Files.readAllBytes(log)).isEqualTo(bytes);
        assertThat(new FileEventStore(named, WorkspaceLayout.DEFAULT).read(CYCLE)).hasSize(3);
    }

    /** A path that would not print as it is (a line feed in a directory's name) gets no command to paste. */
    @Test
    void noCommandIsOfferedForAPathThatDoesNotPrintAsItIs() throws Exception {
        Path named = Files.createDirectory(workspace.resolve("ws\nok: sealed"));
        FileEventStore store = new FileEventStore(named, WorkspaceLayout.DEFAULT);
        store.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        Path log = named.resolve(LOG);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> new FileEventStore(named, WorkspaceLayout.DEFAULT).read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageNotContaining("printf").hasMessageNotContaining("\n")
                .hasMessageContaining("(at the end of " + workspace + "/ws\\u000Aok: sealed/" + LOG
                        + "; its path holds characters not shown as themselves)");
    }

    /**
     * Msg41: a path that would not print as it is was named whole, so a directory of thousands of characters made a
     * message that hid what it said; it is cut as every message cuts a path ({@link Printable#PATH_CHARACTERS}).
     */
    @Test
    void aLongPathThatDoesNotPrintAsItIsIsCutInTheMessage() throws Exception {
        Path named = Files.createDirectories(workspace.resolve("ws\n" + "d".repeat(240)).resolve("e".repeat(240)));
        FileEventStore store = new FileEventStore(named, WorkspaceLayout.DEFAULT);
        store.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        Path log = named.resolve(LOG);
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, Arrays.copyOf(bytes, bytes.length - 1));
        String shown = Printable.line(log.toString().substring(0, Printable.PATH_CHARACTERS)) + "...;";

        assertThatThrownBy(() -> new FileEventStore(named, WorkspaceLayout.DEFAULT).read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("(at the end of " + shown + " its path holds characters not shown as themselves)")
                .hasMessageNotContaining("e".repeat(240));
    }

    @Test
    void aWholeLastEventWithoutItsLineFeedIsRefusedOnAppendAndNothingIsWritten() throws Exception {
        List<RecordedEvent> appended = appendThree();
        byte[] bytes = Files.readAllBytes(log());
        Files.write(log(), Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> store().append(CYCLE, event("evt_4"), appended.get(1).hash()))
                .isInstanceOfSatisfying(EventLogCorruptedException.class,
                        e -> assertThat(e.location()).contains(new SourceLocation(LOG, 3, 0)));
        assertThat(Files.readAllBytes(log())).isEqualTo(Arrays.copyOf(bytes, bytes.length - 1));
    }

    /**
     * A complete last line that is no readable event is refused by an append that reads the head from the file, as a
     * read refuses it, even when the expected head is that line's own hash: nothing is appended after it.
     */
    @Test
    void aCompleteLastLineThatIsNoReadableEventIsRefusedOnAppendAndNothingIsWritten() throws Exception {
        store().append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        String garbage = "not an event, not even JSON";
        writeLines(List.of(rawLines().get(0), garbage));
        byte[] before = Files.readAllBytes(log());

        assertThatThrownBy(() -> store().append(CYCLE, event("evt_2"),
                EventLines.hash(garbage.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 2, 0));
                    assertThat(e.getMessage()).startsWith("line 2 is not a readable planning event");
                });
        assertThat(Files.readAllBytes(log())).isEqualTo(before);
    }

    /**
     * review28: more bytes after the last line feed than any line may hold are no append's remains (an append writes
     * one line and its line feed at once): a read refused them as a line too long, but an append that found no head
     * it knew cut them away without a word, the history they held with them.
     */
    @Test
    void moreBytesAfterTheLastLineFeedThanALineHoldsAreRefusedOnAppendNotCutAway() throws Exception {
        List<RecordedEvent> appended = appendThree();
        byte[] tail = new byte[FileEventStore.MAX_LINE_BYTES + 1];
        Arrays.fill(tail, (byte) 'x');
        Files.write(log(), tail, StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(log());

        assertThatThrownBy(() -> store().append(CYCLE, event("evt_4"), appended.get(2).hash()))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 4, 0));
                    assertThat(e.getMessage()).contains("line 4 is longer than " + FileEventStore.MAX_LINE_BYTES);
                });
        assertThat(Files.readAllBytes(log())).isEqualTo(before);
    }

    /**
     * attack30: the chain says nothing of which cycle a log belongs to. A log copied to another cycle's name (a
     * cycle "renamed" by moving files, a template copied), or a committed link from one cycle's log to
     * another's, read as that cycle's history, and appends through the link wrote one cycle's moves into the
     * other's log. Every line's {@code entity_id} must now be the cycle's own.
     */
    @Test
    void aLogCopiedFromAnotherCycleIsRefusedNamingTheFirstLineOfTheOtherCycle() throws Exception {
        appendThree();
        CycleRef other = new CycleRef("fe", "2025-09-16");
        Path copy = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(other));
        Files.copy(log(), copy);

        assertThatThrownBy(() -> store().read(other)).isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
            assertThat(e.location()).contains(new SourceLocation(WorkspaceLayout.DEFAULT.eventLog(other), 1, 0));
            assertThat(e.getMessage()).contains("line 1 is an event of fe/2025-09-02, not of fe/2025-09-16");
        });
        assertThat(store().read(CYCLE)).hasSize(3);
    }

    /**
     * mend31: the refusal of a log of another cycle's history advised restoring the log named relative to the
     * workspace, a path that is right only from the workspace's directory. It names the log's absolute path.
     */
    @Test
    void theRefusalOfAnotherCyclesHistoryNamesTheLogToRestoreByItsAbsolutePath() throws Exception {
        appendThree();
        CycleRef other = new CycleRef("fe", "2025-09-16");
        Path copy = workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(other));
        Files.copy(log(), copy);

        assertThatThrownBy(() -> store().read(other)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageEndingWith("; restore " + copy.toAbsolutePath() + " from version control");
    }

    /**
     * time41: the tool dates no event before the event before it, and the chain is a hash anyone can compute, with no
     * key: a log written by hand with a chain that holds and a time that goes backwards is refused where it is read,
     * naming the file, the line, both times and what was expected. Equal times are read.
     */
    @Test
    void aHandWrittenLogWhoseChainHoldsButWhoseTimeGoesBackwardsIsRefusedAtThatLine() throws Exception {
        writeChained(List.of("2025-09-02T10:00:00Z", "2025-09-02T10:00:00Z", "2025-09-02T09:00:00Z"));

        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
            assertThat(e.location()).contains(new SourceLocation(LOG, 3, 0));
            assertThat(e.getMessage()).contains("line 3 is dated 2025-09-02T09:00:00Z, before line 2, dated"
                    + " 2025-09-02T10:00:00Z", "expected a timestamp no earlier than 2025-09-02T10:00:00Z",
                    "restore " + log().toAbsolutePath() + " from version control");
        });
    }

    @Test
    void aHandWrittenLogWhoseTimesNeverGoBackwardsIsRead() throws Exception {
        writeChained(List.of("2025-09-02T10:00:00Z", "2025-09-02T10:00:00Z", "2025-09-02T11:00:00Z"));

        assertThat(store().read(CYCLE)).hasSize(3);
    }

    /**
     * time43: an append dated before the log's last event is refused before anything is written, its last line read
     * from the file (the log written by hand, so no store remembers its head), saying the clock went back; every read
     * refuses a log whose times go backwards, so the store's own write would have made the log unreadable.
     */
    @Test
    void anAppendDatedBeforeTheLastLineOfALogNoStoreWroteIsRefusedAndNothingIsWritten() throws Exception {
        writeChained(List.of("2025-09-02T10:00:00Z", "2025-09-02T11:00:00Z"));
        byte[] before = Files.readAllBytes(log());
        FileEventStore store = store();
        String head = Sha256.hex(Files.readAllLines(log(), StandardCharsets.UTF_8).get(1)
                .getBytes(StandardCharsets.UTF_8));
        PlanningEvent backdated = dated(event("evt_3"), "2025-09-02T10:59:59Z");

        assertThatThrownBy(() -> store.append(CYCLE, backdated, head))
                .isInstanceOfSatisfying(SystemFailureException.class, refused -> {
                    assertThat(refused.location()).contains(SourceLocation.ofFile(LOG));
                    assertThat(refused.getMessage()).contains("event evt_3 is dated 2025-09-02T10:59:59Z, before line"
                            + " 2, the log's last event, dated 2025-09-02T11:00:00Z: the clock went back",
                            "nothing was written", "date the event no earlier than 2025-09-02T11:00:00Z");
                });
        assertThat(Files.readAllBytes(log())).isEqualTo(before);
        assertThat(store.read(CYCLE)).hasSize(2);
    }

    /** time43: an append dated at the instant of the log's last line is kept, as a read keeps such a log. */
    @Test
    void anAppendDatedAtTheInstantOfTheLastLineOfALogNoStoreWroteIsKept() throws Exception {
        writeChained(List.of("2025-09-02T10:00:00Z", "2025-09-02T11:00:00Z"));
        String head = Sha256.hex(Files.readAllLines(log(), StandardCharsets.UTF_8).get(1)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(store().append(CYCLE, dated(event("evt_3"), "2025-09-02T11:00:00Z"), head).line()).isEqualTo(3);
        assertThat(store().read(CYCLE)).hasSize(3);
    }

    private static PlanningEvent dated(PlanningEvent e, String at) {
        return new PlanningEvent(e.id(), Instant.parse(at), e.type(), e.fromState(), e.toState(), e.entityId(),
                e.triggeredBy(), e.gateResults(), e.details());
    }

    /**
     * fix42: the refusals of a log dated backwards and of another cycle's history quoted the log's path, and the
     * exception quoted its whole message again: a workspace under a directory named with the six characters
     * {@code \u005cu000A} read {@code \u005cu005Cu005Cu000A}. The path is escaped once.
     */
    @Test
    void theRefusalsOfALogDatedBackwardsOrOfAnotherCycleEscapeItsPathOnce() throws Exception {
        writeChained(List.of("2025-09-02T10:00:00Z", "2025-09-02T09:00:00Z"));
        Path named = workspace.resolve("ws\\u000A");
        Path backwards = named.resolve(LOG);
        Files.createDirectories(backwards.getParent());
        Files.copy(log(), backwards);
        CycleRef other = new CycleRef("fe", "2025-09-16");
        Path copy = named.resolve(WorkspaceLayout.DEFAULT.eventLog(other));
        Files.copy(log(), copy);
        FileEventStore store = new FileEventStore(named, WorkspaceLayout.DEFAULT);

        assertThatThrownBy(() -> store.read(CYCLE)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageEndingWith("restore " + Printable.line(backwards.toString()) + " from version control");
        assertThatThrownBy(() -> store.read(other)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageEndingWith("restore " + Printable.line(copy.toString()) + " from version control");
        assertThat(Printable.line(copy.toString())).contains("ws\\u005Cu000A/");
    }

    /** Lines written by hand, chained as the store chains them (a SHA-256, no key), one event at each time. */
    private void writeChained(List<String> times) throws IOException {
        EventLineCodec codec = new EventLineCodec();
        List<String> lines = new ArrayList<>();
        String previous = RecordedEvent.GENESIS;
        for (int i = 0; i < times.size(); i++) {
            PlanningEvent e = event("evt_" + (i + 1));
            byte[] line = codec.encode(new PlanningEvent(e.id(), Instant.parse(times.get(i)), e.type(), e.fromState(),
                    e.toState(), e.entityId(), e.triggeredBy(), e.gateResults(), e.details()), previous);
            previous = Sha256.hex(line);
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        Files.createDirectories(log().getParent());
        writeLines(lines);
    }

    @Test
    void aLogLinkedToAnotherCyclesLogIsRefused() throws Exception {
        appendThree();
        CycleRef other = new CycleRef("fe", "2025-09-16");
        Files.createSymbolicLink(workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(other)), log().getFileName());

        assertThatThrownBy(() -> store().read(other)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("not of fe/2025-09-16");
    }

    @Test
    void anEventOfAnotherCycleIsNotAppendedToThisCyclesLog() throws Exception {
        List<RecordedEvent> appended = appendThree();
        byte[] before = Files.readAllBytes(log());
        CycleRef other = new CycleRef("fe", "2025-09-16");

        assertThatThrownBy(() -> store().append(CYCLE, about(event("evt_4"), other.toString()), appended.get(2).hash()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fe/2025-09-16");
        assertThat(Files.readAllBytes(log())).isEqualTo(before);
    }

    /**
     * msg44: another cycle's ref was cut at 80 characters, as a value of any length is, but a ref is at most 97 (a
     * stream of 32, a cycle id of 64) and valid: the refusal named a cycle that is not there.
     */
    @Test
    void anEventOfAnotherCycleNamesItsWholeRef() throws Exception {
        String other = "s" + "t".repeat(31) + "/" + "c".repeat(64);
        Files.createDirectories(log().getParent());
        byte[] line = new EventLineCodec().encode(about(event("evt_1"), other), RecordedEvent.GENESIS);
        Files.write(log(), (new String(line, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store().read(CYCLE)).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 1 is an event of " + other + ", not of " + CYCLE + ":");
    }

    @Test
    void anEventAboutAnEntityThatIsNoCycleIsKept() throws Exception {
        List<RecordedEvent> appended = appendThree();

        store().append(CYCLE, about(event("evt_4"), "FE-12"), appended.get(2).hash());

        assertThat(store().read(CYCLE)).hasSize(4).last().satisfies(e -> assertThat(e.event().entityId()).isEqualTo("FE-12"));
    }

    private static PlanningEvent about(PlanningEvent e, String entity) {
        return new PlanningEvent(e.id(), e.timestamp(), e.type(), e.fromState(), e.toState(), entity, e.triggeredBy(),
                e.gateResults(), e.details());
    }

    @Test
    void cutsATornOnlyLine() throws Exception {
        Files.createDirectories(log().getParent());
        Files.writeString(log(), "{\"type\":");

        assertThat(store().read(CYCLE)).isEmpty();
        assertThat(Files.size(log())).isZero();
        assertThat(store().append(CYCLE, event("evt_1"), RecordedEvent.GENESIS).line()).isEqualTo(1);
    }

    @Test
    void noticesLinesAppendedBehindItsBack() throws Exception {
        FileEventStore store = store();
        RecordedEvent first = store.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        // Another process writes a valid line: the remembered head is stale and must not be trusted.
        byte[] second = new EventLineCodec().encode(event("evt_2"), first.hash());
        Files.write(log(), (new String(second, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        assertThatThrownBy(() -> store.append(CYCLE, event("evt_3"), first.hash()))
                .isInstanceOf(ConcurrentTransitionException.class);
        RecordedEvent third = store.append(CYCLE, event("evt_3"), sha256(rawLines().get(1)));
        assertThat(third.line()).isEqualTo(3);
        assertThat(store.read(CYCLE)).hasSize(3);
    }

    /** Sets the log's modification time back, as if it had last been written an hour ago. */
    private FileTime settle() throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        Files.setLastModifiedTime(log(), anHourAgo);
        return anHourAgo;
    }

    @Test
    void returnsTheRememberedEventsOfASettledLogWhoseIdentitySizeAndTimesAreUnchanged() throws Exception {
        List<RecordedEvent> written = appendThree();
        FileEventStore store = storeAnHourAhead();
        assertThat(store.read(CYCLE)).isEqualTo(written);
        long reads = store.wholeReads();

        assertThat(store.read(CYCLE)).isEqualTo(written);
        assertThat(store.wholeReads()).isEqualTo(reads);
    }

    @Test
    void seesAnEditOfTheSameSizeWhoseModificationTimeWasSetBack() throws Exception {
        Assumptions.assumeTrue(changeTimesKept(), "the file system keeps change times");
        appendThree();
        FileTime modified = Files.getLastModifiedTime(log());
        FileEventStore store = storeAnHourAhead();
        assertThat(store.read(CYCLE)).hasSize(3);
        // Same length, same modification time: only the change time, which no user can set back, tells.
        List<String> lines = new ArrayList<>(rawLines());
        lines.set(1, lines.get(1).replace("\"ci\"", "\"xx\""));
        writeLines(lines);
        Files.setLastModifiedTime(log(), modified);

        assertThatThrownBy(() -> store.read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class,
                        e -> assertThat(e.getMessage()).contains("line 3 does not chain to line 2"));
    }

    @Test
    void readsALogChangedWithinTheLastSecondsWholeEachTime() {
        List<RecordedEvent> written = appendThree();
        FileEventStore store = store();
        assertThat(store.read(CYCLE)).isEqualTo(written);
        long reads = store.wholeReads();

        assertThat(store.read(CYCLE)).isEqualTo(written);
        assertThat(store.wholeReads()).isEqualTo(reads + 1);
    }

    @Test
    void comparesEveryByteOfALogWrittenTooRecentlyForItsTimeToTell() throws Exception {
        appendThree();
        // Written "just now" whatever the scheduler does: on a loaded machine more than
        // SETTLED_AFTER could pass between the appends and the read below, and the log would
        // (rightly) count as settled. A time ahead of the clock is never settled.
        Files.setLastModifiedTime(log(), FileTime.from(Instant.now().plus(Duration.ofMinutes(10))));
        FileEventStore store = store();
        assertThat(store.read(CYCLE)).hasSize(3);
        FileTime before = Files.getLastModifiedTime(log());
        // A file system with a coarse clock may give an edit in the same tick the same time.
        List<String> lines = new ArrayList<>(rawLines());
        lines.set(1, lines.get(1).replace("\"ci\"", "\"xx\""));
        writeLines(lines);
        Files.setLastModifiedTime(log(), before);

        assertThatThrownBy(() -> store.read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class,
                        e -> assertThat(e.getMessage()).contains("line 3 does not chain to line 2"));
    }

    @Test
    void seesALineAnotherStoreAppendedToASettledLogAndRefusesToForkTheChain() throws Exception {
        List<RecordedEvent> written = appendThree();
        FileEventStore store = storeAnHourAhead();
        assertThat(store.read(CYCLE)).isEqualTo(written);

        RecordedEvent fourth = store().append(CYCLE, event("evt_4"), written.get(2).hash());

        assertThat(store.read(CYCLE)).hasSize(4).endsWith(fourth);
        assertThatThrownBy(() -> store.append(CYCLE, event("evt_x"), written.get(2).hash()))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(store().read(CYCLE)).hasSize(4).endsWith(fourth);
    }

    @Test
    void seesALineAppendedWithoutTheLockToASettledLog() throws Exception {
        List<RecordedEvent> written = appendThree();
        FileTime settled = settle();
        FileEventStore store = storeAnHourAhead();
        assertThat(store.read(CYCLE)).isEqualTo(written);
        byte[] fourth = new EventLineCodec().encode(event("evt_4"), written.get(2).hash());
        Files.write(log(), (new String(fourth, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        // Even with its old time put back, the log's size gives the append away.
        Files.setLastModifiedTime(log(), settled);

        assertThat(store.read(CYCLE)).hasSize(4).last().satisfies(e -> assertThat(e.hash()).isEqualTo(sha256(
                new String(fourth, StandardCharsets.UTF_8))));
        assertThatThrownBy(() -> store.append(CYCLE, event("evt_x"), written.get(2).hash()))
                .isInstanceOf(ConcurrentTransitionException.class);
    }

    @Test
    void appendsThroughAnEventsDirectoryThatIsALinkInsideTheWorkspace() throws Exception {
        Files.createDirectories(workspace.resolve("elsewhere/events"));
        Files.createDirectories(workspace.resolve("frameworks/planning-fe"));
        Files.createSymbolicLink(workspace.resolve("frameworks/planning-fe/events"),
                workspace.resolve("elsewhere/events"));

        List<RecordedEvent> written = appendThree();

        assertThat(store().read(CYCLE)).isEqualTo(written);
        assertThat(workspace.resolve("elsewhere/events/2025-09-02.events.jsonl")).exists();
        assertThat(workspace.resolve("elsewhere/events/2025-09-02.events.jsonl.lock")).exists();
    }

    @Test
    void refusesAnAppendOnceTheEventsDirectoryWasSwappedForALinkOutOfTheWorkspaceAfterTheRead(@TempDir Path outside)
            throws Exception {
        FileEventStore store = store();
        RecordedEvent first = store.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        List<RecordedEvent> read = store.read(CYCLE);
        // Between the read and the append (say, a checkout while the gates ran), the directory is
        // moved out of the workspace and a link to it takes its place.
        Path events = log().getParent();
        Path moved = outside.resolve("events");
        Files.move(events, moved);
        Files.createSymbolicLink(events, moved);
        byte[] before = Files.readAllBytes(moved.resolve(log().getFileName()));

        assertThatThrownBy(() -> store.append(CYCLE, event("evt_2"), read.get(0).hash()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the workspace");
        assertThat(read).containsExactly(first);
        assertThat(Files.readAllBytes(moved.resolve(log().getFileName()))).isEqualTo(before);
    }

    @Test
    void appendsToTheFileTheLogsNameLeadsToNotToTheOneAnEarlierAppendKeptOpen() throws Exception {
        List<RecordedEvent> written = appendThree();
        Path old = workspace.resolve("old-log");
        Files.createLink(old, log());
        // The same lines, in a new file put in the log's place (as a checkout writes it).
        Path fresh = workspace.resolve("fresh-log");
        Files.copy(log(), fresh);
        Files.move(fresh, log(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        store().append(CYCLE, event("evt_4"), written.get(2).hash());

        assertThat(rawLines()).hasSize(4);
        assertThat(Files.readAllLines(old, StandardCharsets.UTF_8)).hasSize(3);
        assertThat(store().read(CYCLE)).hasSize(4);
    }

    @Test
    void readsTheFileTheLogsNameLeadsToNotTheOneAnEarlierAppendKeptOpen() throws Exception {
        appendThree();
        List<String> lines = rawLines();
        // Two of the three lines, in a new file put in the log's place.
        Path fresh = workspace.resolve("fresh-log");
        Files.write(fresh, (lines.get(0) + "\n" + lines.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(fresh, log(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);

        assertThat(store().read(CYCLE)).hasSize(2);
    }

    @Test
    void startsALogDeletedBetweenAppendsAgainInsteadOfWritingToTheDeletedFile() throws Exception {
        appendThree();
        Path old = workspace.resolve("old-log");
        Files.createLink(old, log());
        Files.delete(log());

        RecordedEvent first = store().append(CYCLE, event("evt_again"), RecordedEvent.GENESIS);

        assertThat(first.line()).isEqualTo(1);
        assertThat(rawLines()).hasSize(1);
        assertThat(Files.readAllLines(old, StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void refusesAnEventTooLargeForOneLine() {
        PlanningEvent huge = new PlanningEvent("evt_big", event("x").timestamp(), event("x").type(),
                event("x").fromState(), event("x").toState(), CYCLE.toString(), "ci", Map.of(),
                Map.of("blob", "x".repeat(FileEventStore.MAX_LINE_BYTES)));

        assertThatThrownBy(() -> store().append(CYCLE, huge, RecordedEvent.GENESIS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 1048576 bytes");
        assertThat(Files.exists(log())).isFalse();
    }

    @Test
    void reportsAnOverlongLineOnRead() throws Exception {
        Files.createDirectories(log().getParent());
        Files.writeString(log(), "x".repeat(FileEventStore.MAX_LINE_BYTES + 10) + "\n");

        assertThatThrownBy(() -> store().read(CYCLE))
                .isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
                    assertThat(e.location()).contains(new SourceLocation(LOG, 1, 0));
                    assertThat(e.getMessage()).contains("longer than 1048576 bytes");
                });
    }

    @Test
    void keepsEachCycleInItsOwnFileUnderTheLayout() {
        CycleRef other = new CycleRef("be", "PLN-BE-2024-01");
        store().append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        store().append(other, event("evt_2", other), RecordedEvent.GENESIS);

        assertThat(store().read(other)).singleElement().extracting(e -> e.event().id()).isEqualTo("evt_2");
        assertThat(workspace.resolve("frameworks/planning-be/events/PLN-BE-2024-01.events.jsonl")).exists();
        assertThat(store().location(other)).isEqualTo("frameworks/planning-be/events/PLN-BE-2024-01.events.jsonl");
    }

    static String sha256(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
