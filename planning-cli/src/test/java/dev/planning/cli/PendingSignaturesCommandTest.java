package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.store.CycleQueries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning store pending-signatures} (pending18): the workspace named as the user gave it, only an
 * unknown role taken for the user's mistake, and a store that cannot stand in for the workspace said so.
 */
class PendingSignaturesCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSummaryLineNamesTheWorkspaceAsTheUserGaveIt() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String given = ws.resolve("../ws").toString();

        CliRun run = CliRun.of("store", "pending-signatures", "-w", given);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 cycle(s) wait for signatures in the event logs of " + given
                + ", judged against the rulebook's signing policy\n").doesNotContain(ws.toAbsolutePath() + ")");
    }

    @Test
    void aRoleTheRulebookDoesNotNameIsTheUsersMistake() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        CliRun run = CliRun.of("store", "pending-signatures", "-w", ws.toString(), "--role", "Qa");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--role: unknown role 'Qa': the rulebook's signing policy names PM, QA, TechLead");
        assertThat(run.printedStackTrace()).isFalse();
    }

    @Test
    void onlyAnUnknownRoleIsReportedAsTheUsersMistakeAnyOtherIllegalArgumentIsNot() {
        CycleQueries.UnknownRoleException unknown = new CycleQueries.UnknownRoleException("Qa", "unknown role 'Qa'");
        IllegalArgumentException bug = new IllegalArgumentException("an unmet requirement 1 of [QA] has 0 to 0 signers, not 1");

        assertThatThrownBy(() -> StoreCommand.ask(throwing(unknown), List.of("Qa")))
                .isInstanceOf(InvalidInputException.class).hasMessage("--role: unknown role 'Qa'");
        assertThatThrownBy(() -> StoreCommand.ask(throwing(bug), List.of("QA"))).isSameAs(bug);
        assertThatThrownBy(() -> StoreCommand.ask(throwing(bug), null)).isSameAs(bug);
    }

    @Test
    void withAStoreTheCommandSaysItStillNeedsTheWorkspaceAndItsRulebookBeforeItConnects() throws IOException {
        // A server nothing listens on: the refusal comes before any connection is tried.
        Path config = dir.resolve("store.properties");
        Files.writeString(config, "url=jdbc:postgresql://127.0.0.1:9/none\nrepository=acme/none\n",
                StandardCharsets.UTF_8);
        Path bare = Files.createDirectories(dir.resolve("bare"));

        CliRun absent = CliRun.of("store", "pending-signatures", "--store", config.toString(), "-w",
                dir.resolve("absent").toString());
        CliRun noRulebook = CliRun.of("store", "pending-signatures", "--store", config.toString(), "-w",
                bare.toString());

        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).contains("workspace " + dir.resolve("absent") + " is not a directory: with --store"
                + " too, pending-signatures verifies each signature on the workspace's manifest files and judges its"
                + " rulebook's signing policy, neither of which the store holds; give -w the workspace");
        assertThat(noRulebook.exitCode()).isEqualTo(2);
        assertThat(noRulebook.err()).contains("rulebook directory " + bare.resolve("rulebook") + " not found: with"
                + " --store too").contains("or --rulebook DIR");
        assertThat(absent.printedStackTrace() || noRulebook.printedStackTrace()).isFalse();
    }

    /** Queries whose pending-signatures questions throw {@code failure}. */
    private static CycleQueries throwing(RuntimeException failure) {
        return new CycleQueries() {
            @Override
            public List<CycleSummary> portfolio() {
                throw new AssertionError("not asked");
            }

            @Override
            public List<PendingSignatures> pendingSignatures(Set<String> requiredRoles) {
                throw failure;
            }

            @Override
            public List<PendingSignatures> pendingSignatures() {
                throw failure;
            }

            @Override
            public List<WaiverExpiry> expiringWaivers(LocalDate until) {
                throw new AssertionError("not asked");
            }

            @Override
            public List<Refusal> recentRefusals(Instant since, int limit) {
                throw new AssertionError("not asked");
            }
        };
    }
}
