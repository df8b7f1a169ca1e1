package dev.planning.cli;

import dev.planning.api.Printable;
import dev.planning.api.signing.GeneratedKey;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code planning keys ...}: signing keys for roles. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Signing keys: generate a role's key pair and add it to a trust file.",
        subcommands = {KeysCommand.Generate.class})
final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a keys subcommand is required");
    }

    /** {@code planning keys generate --role ROLE [--algorithm A] --out DIR}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write DIR/ROLE.key.pem (private, owner-only) and DIR/ROLE.pub.pem, and add the public key"
                    + " under ROLE to DIR/trust.yaml (the file `verify --trust` reads). Keys are never overwritten."
                    + " Warns when DIR lies in a git work tree: a committed key is leaked, and commands refuse it.")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "Role, e.g. PM, TechLead, QA.")
        String role;

        @Option(names = "--algorithm", paramLabel = "ALG", defaultValue = "ed25519",
                converter = AlgorithmConverter.class,
                description = "ed25519, ecdsa-p256 or rsa (default: ${DEFAULT-VALUE}).")
        KeyAlgorithmOption algorithm;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the key files.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GeneratedKey key = Planning.keys().generate(role, algorithm.algorithm(), out);
            PrintWriter o = spec.commandLine().getOut();
            o.println("generated " + key.algorithm().id() + " key for role " + key.role());
            o.println("  key id      " + key.keyId());
            o.println("  private key " + Printable.path(key.privateKey()) + " (keep it secret)");
            o.println("  public key  " + Printable.path(key.publicKey()));
            o.println("  trust file  " + Printable.path(key.trustFile()));
            o.flush();
            PrintWriter warn = spec.commandLine().getErr();
            key.warnings().forEach(warning -> warn.println("warning: " + warning));
            warn.flush();
            gitWorkTree(out).ifPresent(root -> {
                PrintWriter e = spec.commandLine().getErr();
                e.println("warning: " + Printable.path(key.privateKey()) + " lies in the git work tree " + Printable.path(root)
                        + "; never commit it"
                        + " (a committed key is a leaked key: sign, attest and advance refuse it). Keep keys outside"
                        + " the repository, e.g. --out ~/.planning/keys, or git-ignore the directory");
                e.flush();
            });
            return ExitCodes.OK;
        }

        /**
         * The nearest directory at or above {@code directory} holding a {@code .git} entry: the work
         * tree a key written there could be committed to. A warning only: the key may be git-ignored,
         * and commands that use a key refuse it once it is tracked.
         */
        private static Optional<Path> gitWorkTree(Path directory) {
            Path start;
            try {
                start = directory.toRealPath();
            } catch (IOException e) {
                start = directory.toAbsolutePath().normalize();
            }
            for (Path d = start; d != null; d = d.getParent()) {
                if (Files.exists(d.resolve(".git"))) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    /** Converts {@code ecdsa-p256} and friends. */
    static final class AlgorithmConverter implements CommandLine.ITypeConverter<KeyAlgorithmOption> {
        @Override
        public KeyAlgorithmOption convert(String value) {
            try {
                return KeyAlgorithmOption.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected ed25519, ecdsa-p256 or rsa, not '" + value + "'");
            }
        }
    }
}
