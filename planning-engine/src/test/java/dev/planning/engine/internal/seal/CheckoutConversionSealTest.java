package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.SealingException;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.evidence.EvidenceInputs;
import dev.planning.engine.internal.git.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * probe26: git's status calls a file unchanged when its bytes in the work tree convert to the committed blob, and
 * a contributor commits the {@code .gitattributes} that asks for the conversion ({@code text}, {@code eol=crlf},
 * {@code ident}); through a committed symbolic link it compares the link, not the file the gates read. Each sealed
 * as {@code dirty: false} bytes no commit holds: a handoff sealed in a checkout with {@code core.eol=crlf} verified
 * and was signed there, and failed {@code ARTIFACT_CHANGED} in a clone on Linux; one with the capacity model a link
 * could never be signed ({@code VERDICT_CHANGED}: its sealed bytes are at no commit), its cycle stranded at
 * {@code PACKAGED}. Sealing now compares each input's bytes with its blob at {@code HEAD}.
 */
class CheckoutConversionSealTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String FE_PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String BE_PLAN = "frameworks/planning-be/tasks/2025-09-02-be_task_breakdown.yaml";
    private static final String CAPACITY = "frameworks/capacity.yaml";

    @TempDir
    Path dir;

    /** Two streams' plans and a capacity model, with {@code attributes} as a committed .gitattributes of frameworks/. */
    private Path committed(String attributes) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        assertThat(GitFixture.cliInit(ws)).as("`git init` failed: these tests need the git command line on PATH"
                + " (JGit applies no ident attribute)").isTrue();
        Files.writeString(ws.resolve(".gitattributes"), "* -text\n");
        for (String file : List.of(CAPACITY, FE_PLAN, BE_PLAN)) {
            Path path = ws.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "# $Id$\ntasks: []\n");
        }
        Files.writeString(ws.resolve("frameworks/.gitattributes"), attributes);
        GitFixture.cli(ws, "add", "-A");
        GitFixture.cli(ws, "commit", "-q", "-m", "plans");
        return ws;
    }

    /** Checks the plans out again, as a fresh clone would write them. */
    private static void checkedOutAgain(Path ws) throws Exception {
        for (String file : List.of(CAPACITY, FE_PLAN, BE_PLAN)) {
            Files.delete(ws.resolve(file));
        }
        GitFixture.cli(ws, "checkout", "--", ".");
        assertThat(GitFixture.cli(ws, "status", "--porcelain")).as("git's status shows no change").isEmpty();
    }

    private static GitState seal(Path ws, boolean allowDirty) {
        List<String> judged = new EvidenceInputs(ws, WorkspaceLayout.DEFAULT).paths(FE);
        return GitState.of(ws, judged, allowDirty, FE, WorkspaceLayout.DEFAULT);
    }

    @Test
    void inputsConvertedOnCheckoutByCommittedAttributesAreNotSealedAsCommitted() throws Exception {
        Path ws = committed("capacity.yaml text eol=crlf\n*_task_breakdown.yaml ident\n");
        checkedOutAgain(ws);
        assertThat(Files.readString(ws.resolve(CAPACITY))).as("eol=crlf converted the capacity model").contains("\r\n");
        assertThat(Files.readString(ws.resolve(BE_PLAN))).as("ident expanded $Id$").contains("$Id: ");

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.UNCOMMITTED_CHANGES))
                .hasMessageContaining("are not in the work tree as committed at HEAD, though git's status shows no"
                        + " change: ")
                .hasMessageContaining(CAPACITY).hasMessageContaining(FE_PLAN).hasMessageContaining(BE_PLAN)
                .hasMessageContaining("eol, ident, filter")
                .hasMessageContaining("or pass --allow-dirty");
        assertThat(seal(ws, true).dirty()).as("sealed anyway, it is told dirty").isTrue();
    }

    @Test
    void aCommittedSymbolicLinkAtAnInputsPathIsNotSealedAsCommitted() throws Exception {
        Path ws = committed("");
        Files.createDirectories(ws.resolve("shared"));
        Files.move(ws.resolve(CAPACITY), ws.resolve("shared/capacity.yaml"));
        Files.createSymbolicLink(ws.resolve(CAPACITY), Path.of("../shared/capacity.yaml"));
        GitFixture.cli(ws, "add", "-A");
        GitFixture.cli(ws, "commit", "-q", "-m", "the capacity model a link");
        assertThat(GitFixture.cli(ws, "status", "--porcelain")).as("git's status shows no change").isEmpty();

        assertThatThrownBy(() -> seal(ws, false)).isInstanceOf(SealingException.class)
                .hasMessageContaining("though git's status shows no change: " + CAPACITY + " (each is a symbolic link");
    }

    @Test
    void theSameFilesWithoutConversionSeal() throws Exception {
        Path ws = committed("capacity.yaml -text\n");
        checkedOutAgain(ws);

        assertThat(seal(ws, false).dirty()).isFalse();
    }

    @Test
    void notAsCommittedListsOnlyFilesWhoseBytesAreNotTheBlobsAndNotThoseAbsent() throws Exception {
        Path ws = committed("capacity.yaml text eol=crlf\n");
        checkedOutAgain(ws);
        Files.delete(ws.resolve(BE_PLAN));

        try (GitRepository git = GitRepository.find(ws).orElseThrow()) {
            assertThat(git.notAsCommitted(List.of(FE_PLAN, CAPACITY, BE_PLAN, "frameworks/never.yaml")))
                    .containsExactly(CAPACITY);
        }
    }
}
