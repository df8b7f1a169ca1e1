package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code verify} reads no git system configuration (JGit would run {@code git} twice to find it), puts
 * JGit's reader back when it ends, and gives the verdicts it gave before: verified, a changed
 * signature refused, a sealed commit the repository does not have reported. Isolated: JGit's reader is
 * process-wide, and the test installs one that counts.
 */
@Isolated
class GitSystemConfigTest {

    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    private Counting counting;

    @BeforeEach
    void countSystemConfigurations() {
        freshCounting();
    }

    /** A new counting reader: a reader keeps the configurations it opened, so each count starts with one. */
    private void freshCounting() {
        SystemReader.setInstance(null);
        counting = new Counting(SystemReader.getInstance());
        SystemReader.setInstance(counting);
    }

    @AfterEach
    void restoreJGitsReader() {
        SystemReader.setInstance(null);
    }

    @Test
    void whileSkippedTheSystemConfigurationIsEmptyAndNeverOpenedAndTheReaderBeforeIsPutBack() throws Exception {
        GitSystemConfig skipped = GitSystemConfig.skipped();
        try {
            assertThat(SystemReader.getInstance()).isNotSameAs(counting);
            assertThat(((FileBasedConfig) SystemReader.getInstance().getSystemConfig()).getFile())
                    .as("the system configuration's file").isNull();
            assertThat(SystemReader.getInstance().getUserConfig()).isNotNull();
        } finally {
            skipped.close();
        }

        assertThat(counting.systemOpened).hasValue(0);
        assertThat(SystemReader.getInstance()).isSameAs(counting);
        SystemReader.getInstance().getSystemConfig();
        assertThat(counting.systemOpened).as("the reader put back reads it again").hasValue(1);
    }

    @Test
    void overlappingCommandsPutTheReaderBeforeBackOnlyWhenTheLastEnds() {
        GitSystemConfig first = GitSystemConfig.skipped();
        GitSystemConfig second = GitSystemConfig.skipped();
        SystemReader skipping = SystemReader.getInstance();

        first.close();
        first.close();
        assertThat(SystemReader.getInstance()).as("while the second still runs").isSameAs(skipping);
        second.close();

        assertThat(SystemReader.getInstance()).isSameAs(counting);
    }

    @Test
    void verifyInAGitWorkTreeOpensNoSystemConfigurationAndItsVerdictsStand() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path keys = CycleScript.keys(dir);
        String trust = keys.resolve("trust.yaml").toString();
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        for (String role : CycleScript.ROLES) {
            CycleScript.ok("sign", ws.resolve(MANIFEST).toString(), "--role", role, "--key",
                    keys.resolve(role + ".key.pem").toString(), "--trust", trust);
        }
        freshCounting();

        CliRun checksums = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust, "--checksums-only"));
        CliRun full = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust));

        assertThat(checksums.exitCode()).as(checksums.out() + checksums.err()).isZero();
        assertThat(full.exitCode()).as(full.out() + full.err()).isZero();
        assertThat(counting.systemOpened).as("system configurations JGit opened during verify").hasValue(0);
        assertThat(SystemReader.getInstance()).isSameAs(counting);

        // A signature changed by one character: refused, as before.
        String signed = Files.readString(ws.resolve(MANIFEST), StandardCharsets.UTF_8);
        int at = signed.indexOf("value: \"", signed.indexOf("signatures:")) + "value: \"".length();
        String changed = signed.substring(0, at) + (signed.charAt(at) == 'A' ? 'B' : 'A') + signed.substring(at + 1);
        Files.writeString(ws.resolve(MANIFEST), changed, StandardCharsets.UTF_8);
        CliRun badSignature = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust, "--checksums-only"));
        assertThat(badSignature.exitCode()).as(badSignature.out() + badSignature.err()).isEqualTo(1);
        assertThat(badSignature.out()).contains("SIGNATURE_INVALID", "verification FAILED");
        Files.writeString(ws.resolve(MANIFEST), signed, StandardCharsets.UTF_8);

        // The same files in a new repository, which lacks the sealed commit: reported, as before.
        FileUtils.delete(ws.resolve(".git").toFile(), FileUtils.RECURSIVE);
        try (Git git = Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Other", "other@example.org");
            git.commit().setMessage("other history").setAuthor(who).setCommitter(who).setSign(false).call();
        }
        freshCounting();
        CliRun missingCommit = CliRun.of(CycleScript.cycle(ws, "verify", "--trust", trust, "--checksums-only"));
        assertThat(missingCommit.exitCode()).as(missingCommit.out() + missingCommit.err()).isEqualTo(1);
        assertThat(missingCommit.out()).contains("SNAPSHOT_REV_MISSING");
        assertThat(counting.systemOpened).hasValue(0);
    }

    /** JGit's reader before it, counting the system configurations opened through it. */
    private static final class Counting extends SystemReader {

        final AtomicInteger systemOpened = new AtomicInteger();
        private final SystemReader delegate;

        Counting(SystemReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            systemOpened.incrementAndGet();
            return delegate.openSystemConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return delegate.openUserConfig(parent, fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return delegate.openJGitConfig(parent, fs);
        }

        @Override
        public String getHostname() {
            return delegate.getHostname();
        }

        @Override
        public String getenv(String variable) {
            return delegate.getenv(variable);
        }

        @Override
        public String getProperty(String key) {
            return delegate.getProperty(key);
        }

        @Override
        @SuppressWarnings("deprecation")
        public long getCurrentTime() {
            return delegate.getCurrentTime();
        }

        @Override
        @SuppressWarnings("deprecation")
        public int getTimezone(long when) {
            return delegate.getTimezone(when);
        }
    }
}
