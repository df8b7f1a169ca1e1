package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --trust FILE} option: the public keys trusted to sign manifests, by role. */
final class TrustOption {

    @Option(names = "--trust", paramLabel = "FILE",
            description = "Trust file of signing keys by role (default: <workspace>/" + Planning.DEFAULT_TRUST_FILE
                    + " when it exists); `planning keys generate` writes one.")
    Path trust;

    /** Configures a workspace builder with the trust file, when one was given. */
    Planning.Builder apply(Planning.Builder builder) {
        return trust == null ? builder : builder.trustFile(trust);
    }

    /** The trusted keys: the given file, else the workspace's default file when it exists, else none. */
    TrustedKeys read(Path workspace) {
        if (trust != null) {
            return TrustFile.read(trust);
        }
        Path fallback = workspace.resolve(Planning.DEFAULT_TRUST_FILE);
        return Files.isRegularFile(fallback) ? TrustFile.read(fallback)
                : new TrustedKeys(List.of(), "no trust file (pass --trust FILE or create " + fallback + ")");
    }

    /**
     * A one-line warning when the trust file in use lies inside the workspace: whoever can commit
     * to the repository can add a key to it, so it shows self-consistency only (SPEC §8).
     */
    java.util.Optional<String> insideWorkspace(Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        Path file = (trust != null ? trust : root.resolve(Planning.DEFAULT_TRUST_FILE)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !file.startsWith(root)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("note: the trust file " + file + " is inside the workspace: anyone who can commit"
                + " can add a key to it, so it shows self-consistency only; verify with --trust FILE kept outside the"
                + " repository (CI configuration, a pinned path) to hold against a contributor without a key");
    }

    /**
     * The trusted keys, as {@link #read}, but refusing to go on without a trust file: with no key
     * trusted, every signature check fails, and one line says why better than one failure each.
     *
     * @throws InvalidInputException when no trust file was given and the workspace has none
     */
    TrustedKeys require(Path workspace, String what) {
        Path fallback = workspace.resolve(Planning.DEFAULT_TRUST_FILE);
        if (trust == null && !Files.isRegularFile(fallback)) {
            throw new InvalidInputException("no trust file: cannot " + what + " without the public keys trusted to"
                    + " sign; pass --trust FILE (the trust.yaml `planning keys generate` wrote) or create " + fallback);
        }
        return read(workspace);
    }
}
