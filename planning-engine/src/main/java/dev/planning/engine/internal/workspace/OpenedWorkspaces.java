package dev.planning.engine.internal.workspace;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Tells what keeps results across processes which workspace this process opens, before anything is
 * compiled or read for it ({@code Planning.Builder#build}): the compiled-rulebook cache is told no
 * workspace when it compiles (a rulebook names only its own directory), so with {@code --rulebook}
 * outside the workspace it would otherwise use a cache directory lying inside it, where anything an
 * archive of the workspace brings may lie (docs/SECURITY.md, seventh review).
 */
public final class OpenedWorkspaces {

    private static volatile Consumer<Path> listener;

    private OpenedWorkspaces() {
    }

    /**
     * Calls {@code consumer} with the root of every workspace opened from now on in this process, or
     * stops calling anything ({@code null}); replaces the consumer given before.
     *
     * @param consumer what to tell, or {@code null} for none
     */
    public static void listen(Consumer<Path> consumer) {
        listener = consumer;
    }

    /**
     * A workspace is being opened: the listener, if any, is told its root (absolute, normalized) before
     * the workspace's rulebook is loaded or compiled. A listener that fails fails the opening.
     *
     * @param root the workspace root
     */
    public static void opened(Path root) {
        Consumer<Path> consumer = listener;
        if (consumer != null) {
            consumer.accept(root);
        }
    }
}
