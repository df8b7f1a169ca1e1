package dev.planning.cli;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit without git's system configuration for the length of one command, as under
 * {@code GIT_CONFIG_NOSYSTEM=1}: JGit then never runs {@code git} to find where that file is (two
 * processes, {@code git --version} and {@code git config --system --show-origin --list -z}, 13–17 ms
 * of CPU; docs/benchmarks/cold-start-15-verify.md).
 *
 * <p>For {@code verify} only, whose every git read is an object named by its id (the sealed commit,
 * a sealed file's blob at it, a prior manifest's artifacts) or an index or {@code HEAD} entry named
 * by its path (is a trust file or a cache entry tracked?): no key of git's configuration changes
 * which object an id names or which path an index entry has. Objects are found in the loose objects,
 * the packs and the alternates listed in {@code objects/info/alternates}, a file of the repository;
 * replace refs and grafts are applied by JGit in neither case. What the system file may set for those
 * reads is JGit's tuning (pack windows, trust in file times), never an answer. The user's
 * configuration and the repository's own are read as before (JGit reads them for its own upkeep
 * however a repository is opened: the file store's time resolution, its cache's JMX switch). A
 * command whose answer does depend on git's configuration (what {@code seal} calls uncommitted:
 * ignore files, line-end conversion) keeps the system's.
 *
 * <p>JGit's reader is process-wide: it is swapped in when the first such command starts and the one
 * before it put back when the last one still running ends (commands overlap only where one JVM runs
 * several, as tests do), so a later command in the same process (the start-up training runs several)
 * reads the system configuration again.
 */
final class GitSystemConfig implements AutoCloseable {

    private static final Object LOCK = new Object();

    /** How many commands hold the swap; guarded by {@link #LOCK}. */
    private static int holders;

    /** The reader to put back when the last holder closes; guarded by {@link #LOCK}. */
    private static SystemReader before;

    private boolean closed;

    private GitSystemConfig() {
    }

    /** Skips git's system configuration until {@link #close}. */
    static GitSystemConfig skipped() {
        synchronized (LOCK) {
            if (holders++ == 0) {
                before = SystemReader.getInstance();
                SystemReader.setInstance(new WithoutSystemConfig(before));
            }
        }
        return new GitSystemConfig();
    }

    /** Puts JGit's reader before back, once the last command that skips the system configuration ends. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            if (--holders == 0) {
                SystemReader.setInstance(before);
                before = null;
            }
        }
    }

    /** The reader before it, except that the system configuration is empty (JGit's own {@code GIT_CONFIG_NOSYSTEM} case). */
    private static final class WithoutSystemConfig extends SystemReader {

        private final SystemReader delegate;

        WithoutSystemConfig(SystemReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, null, fs) {
                @Override
                public void load() {
                    // no system configuration: nothing to load
                }

                @Override
                public boolean isOutdated() {
                    return false;
                }
            };
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
        @SuppressWarnings("deprecation") // abstract in JGit's SystemReader: implemented as the reader before
        public long getCurrentTime() {
            return delegate.getCurrentTime();
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in JGit's SystemReader: implemented as the reader before
        public int getTimezone(long when) {
            return delegate.getTimezone(when);
        }
    }
}
