package dev.planning.cli;

import dev.planning.api.signing.GeneratedKey;
import dev.planning.engine.Planning;
import java.io.PrintWriter;
import java.nio.file.Path;
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
                    + " under ROLE to DIR/trust.yaml (the file `verify --trust` reads). Keys are never overwritten.")
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
            o.println("  private key " + key.privateKey() + " (keep it secret)");
            o.println("  public key  " + key.publicKey());
            o.println("  trust file  " + key.trustFile());
            o.flush();
            return ExitCodes.OK;
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
