package dev.planning.engine.internal.gate;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.artifact.LocatedMistakes;
import dev.planning.engine.internal.rulebook.DefaultProfile;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code Planning.builder().build()} checks before it hands out a workspace, so that a
 * rulebook that cannot work is refused before anything runs or is recorded: the rulebook's policies
 * compile (with the first governance engine factory the class loader finds; none on the class path,
 * nothing to compile with), and every gate a profile names is available.
 */
public final class GateCheck {

    private GateCheck() {
    }

    /**
     * Compiles the rulebook's policies with the first {@link GovernanceEngineFactory} found.
     *
     * @param workspace the workspace root, to locate rule files relative to it when the rulebook lies inside
     * @throws InvalidInputException when a rule does not compile, located at its file, line and column
     */
    public static void compile(Rulebook rulebook, Path workspace, ClassLoader loader) {
        compile(rulebook, rulebook.givenDirectory(), workspace, loader);
    }

    /**
     * As {@link #compile(Rulebook, Path, ClassLoader)}, naming a rule file outside the workspace under
     * {@code directory}, the rulebook directory as the user gave it.
     */
    public static void compile(Rulebook rulebook, Path directory, Path workspace, ClassLoader loader) {
        Optional<GovernanceEngineFactory> factory;
        try {
            factory = ServiceLoader.load(GovernanceEngineFactory.class, loader).findFirst();
        } catch (ServiceConfigurationError e) {
            throw new PlanningException("a governance engine factory registered in META-INF/services/"
                    + GovernanceEngineFactory.class.getName() + " cannot be loaded: " + e.getMessage(), null, e);
        }
        if (factory.isEmpty()) {
            return;
        }
        try {
            factory.get().create(rulebook);
        } catch (LocatedMistakes e) {
            // The compiler locates its mistakes inside the rulebook; say where the rulebook is, for every place
            // of every mistake (a name declared again names its first declaration too), on the data (errors20).
            throw e.renamed(f -> RulebookLoader.displayName(directory, workspace, f), pathsAre(directory, workspace))
                    .led("the rulebook's policies do not compile");
        } catch (InvalidInputException e) {
            // One mistake, at one place: say where the rulebook is.
            Optional<SourceLocation> located = e.location().map(l -> new SourceLocation(
                    RulebookLoader.displayName(directory, workspace, l.file()), l.line(), l.column()));
            throw new InvalidInputException("the rulebook's policies do not compile: " + e.getMessage(),
                    located.orElse(null), e);
        }
    }

    /** How {@link RulebookLoader#displayName} names a rulebook's files, in words. */
    static String pathsAre(Path directory, Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        if (directory.toAbsolutePath().normalize().startsWith(root)) {
            return "relative to the workspace";
        }
        return directory.isAbsolute() ? "absolute" : "relative to the working directory";
    }

    /**
     * Checks that every gate every profile names is among {@code available}.
     *
     * @param workspace the workspace root: entries are located workspace-relative when the rulebook
     *                  lies inside it, as {@link #compile} locates rule errors
     * @throws InvalidInputException one located error per missing gate entry (the first gives the
     *                               exception's location), listing the gates that are available
     */
    public static void requireGates(Rulebook rulebook, Set<String> available, Path workspace) {
        List<Finding> missing = new ArrayList<>();
        for (GateProfile profile : rulebook.profiles().values()) {
            for (int s = 0; s < profile.steps().size(); s++) {
                GateStep step = profile.steps().get(s);
                for (int g = 0; g < step.gates().size(); g++) {
                    String name = step.gates().get(g);
                    if (!available.contains(name)) {
                        String which = DefaultProfile.is(profile)
                                ? "the default gate profile '" + profile.name() + "' (used when a rulebook sets no profiles)"
                                : "gate profile '" + profile.name() + "'";
                        missing.add(Finding.error("rulebook.unknown-gate", which + " names"
                                + " gate '" + name + "' for " + step.key() + ", but no gate of that name is available;"
                                + " available gates: " + String.join(", ", new TreeSet<>(available))
                                + " (register it in META-INF/services/" + Gate.class.getName()
                                + " or pass it to Planning.builder().gate(...))",
                                RulebookLoader.locateGate(rulebook, workspace, profile.name(), s, g)));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ErrorList.exception("", missing, null);
        }
    }
}
