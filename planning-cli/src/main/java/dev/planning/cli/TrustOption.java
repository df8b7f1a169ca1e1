package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --trust FILE} option: the public keys trusted to sign manifests, by role.
 *
 * <p>For the commands {@link CommandModels} builds, picocli's model of these options is built there in
 * code: an option added here must be added there too ({@code CommandModelsTest} fails until it is).
 */
final class TrustOption {

    @Option(names = "--trust", paramLabel = "FILE",
            description = "Trust file of signing keys by role, kept outside the workspace (anyone who can commit"
                    + " could add a key to one inside it); `planning keys generate` writes one.")
    Path trust;

    /** Configures a workspace builder with the trust file, when one was given. */
    Planning.Builder apply(Planning.Builder builder) {
        return trust == null ? builder : builder.trustFile(trust);
    }

    /**
     * The trusted keys: the given file, which must lie outside the workspace; none without one.
     *
     * @throws InvalidInputException when the file lies inside the workspace or does not read
     */
    TrustedKeys read(Path workspace) {
        if (trust != null) {
            return Planning.keys().readTrustFile(trust, workspace);
        }
        return new TrustedKeys(List.of(), "no trust file (pass --trust FILE, kept outside the workspace)");
    }

    /**
     * The trusted keys, as {@link #read}, but refusing to go on without a trust file: with no key
     * trusted, every signature check fails, and one line says why better than one failure each.
     *
     * @throws InvalidInputException when no trust file was given
     */
    TrustedKeys require(Path workspace, String what) {
        if (trust == null) {
            throw new InvalidInputException("no trust file: cannot " + what + " without the public keys trusted to"
                    + " sign; pass --trust FILE (the trust.yaml `planning keys generate` wrote), kept outside the"
                    + " workspace");
        }
        return read(workspace);
    }
}
