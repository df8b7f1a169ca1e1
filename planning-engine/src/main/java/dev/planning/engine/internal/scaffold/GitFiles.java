package dev.planning.engine.internal.scaffold;

import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The git settings a planning workspace needs, written by {@code planning init} and the demo, and
 * committed with every example workspace:
 *
 * <ul>
 *   <li>{@code .gitignore}: the {@code *.lock} sidecars of event logs and manifests (per machine,
 *       never shared), private signing keys ({@code *.key.pem}, {@code keys/}) and the temporary
 *       files of a killed write ({@code .<file>~<digits>.tmp}, earlier {@code .<file><digits>.tmp}:
 *       both match {@code .*[0-9].tmp}) never land in git;</li>
 *   <li>{@code .gitattributes}: {@code * -text}. Every file of a workspace may be hashed (the event
 *       log's chain, the sealed artifacts, the manifest and its signatures, the rulebook), so every
 *       checkout must hold the committed bytes exactly, whatever {@code core.autocrlf} or
 *       {@code eol} say. Event logs and manifests are also {@code -merge}: a line-by-line merge of
 *       two branches' logs would break the chain, so git reports a conflict instead.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class GitFiles {

    /** The ignore file's name. */
    public static final String IGNORE = ".gitignore";

    /** The attributes file's name. */
    public static final String ATTRIBUTES = ".gitattributes";

    /** What {@code .gitignore} holds. */
    public static final String IGNORE_TEXT = """
            # Written by `planning init`.
            # Lock sidecars (<file>.lock) belong to one machine; a committed one could be a link elsewhere.
            *.lock
            # Private signing keys never belong in the repository; commit only trust.yaml and *.pub.pem.
            *.key.pem
            keys/*.key.pem
            # Temporary files of a write killed midway (.<file>~<digits>.tmp): never read, never shared.
            .*[0-9].tmp
            """;

    /** What {@code .gitattributes} holds. */
    public static final String ATTRIBUTES_TEXT = """
            # Written by `planning init`.
            # Every file here may be hashed: the event log's chain, sealed artifacts, manifests and their
            # signatures, the rulebook. No end-of-line conversion, whatever core.autocrlf or eol say, so
            # every checkout holds the committed bytes exactly.
            * -text
            # A line-by-line merge of two branches' event logs or manifests breaks their hashes: conflict.
            *.jsonl -text -merge
            *-handoff_manifest.yaml -text -merge
            """;

    private GitFiles() {
    }

    /**
     * Writes {@code .gitignore} and {@code .gitattributes} into a workspace where absent; an existing
     * file is left as it is.
     *
     * @return the names written
     */
    public static List<String> write(Path workspace) {
        List<String> written = new ArrayList<>();
        for (String[] file : new String[][] {{IGNORE, IGNORE_TEXT}, {ATTRIBUTES, ATTRIBUTES_TEXT}}) {
            Path target = SafePaths.resolve(workspace, file[0]);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.writeNew(target, file[1].getBytes(StandardCharsets.UTF_8));
                written.add(file[0]);
            }
        }
        return written;
    }
}
