package dev.planning.maven;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.report.CiReports;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code planning:verify}: verifies a sealed manifest, as {@code planning verify}: every checksum,
 * the rulebook hash, the signatures against the trust file, the signing policy, the prior chain and
 * the snapshot revision. Give {@code stream} and {@code cycle}, or {@code manifest}. Writes
 * {@code verify.junit.xml} (a case per kind of check); fails the build on any discrepancy. The seal event is
 * checked against the cycle's event log, read where the command reads it ({@code storeConfig}).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class VerifyMojo extends StoreMojo {

    /** The stream of the cycle to verify. */
    @Parameter(property = "planning.stream")
    String stream;

    /** The cycle id to verify. */
    @Parameter(property = "planning.cycle")
    String cycle;

    /** A manifest file to verify, instead of {@code stream} and {@code cycle}. */
    @Parameter(property = "planning.manifest")
    File manifest;

    /**
     * Trust file of signing keys by role: a file outside the workspace and not tracked by git (one there is
     * refused). No default: no file of the workspace is ever read as a trust file.
     */
    @Parameter(property = "planning.trust")
    File trust;

    /** Creates the goal; Maven sets the parameters. */
    public VerifyMojo() {
    }

    @Override
    String goal() {
        return "verify";
    }

    @Override
    Verdict check() {
        boolean byCycle = stream != null || cycle != null;
        if (byCycle == (manifest != null) || byCycle && (stream == null || cycle == null)) {
            throw new InvalidInputException("give either <stream> and <cycle>, or <manifest>");
        }
        PlanningWorkspace ws = builder(Optional.empty()).build();
        TrustedKeys keys = trustedKeys(ws.root());
        VerificationReport report = byCycle ? ws.verify(new CycleRef(stream, cycle), keys)
                : ws.verify(manifest.toPath(), keys);
        write("verify.junit.xml", CiReports.verificationJunit(report));
        log(report.discrepancies().stream().map(Discrepancy::describe).toList(), List.of());
        String summary = shown(report.manifest()) + ": " + report.artifactsChecked() + " artifact(s), "
                + report.countedSignatures().size() + " signature(s) counted, " + report.discrepancies().size()
                + " discrepancy(ies)";
        return new Verdict(report.passed(), summary + (report.passed() ? "" : ": verification failed"));
    }

    /**
     * The manifest as the summary names it, quoted once: a path on disk when it cannot be made workspace-relative,
     * shown as a path ({@link Printable#path}: a Windows path's backslashes are its separators), else as a value.
     */
    private static String shown(String manifest) {
        Path path = Path.of(manifest);
        return path.isAbsolute() ? Printable.path(path) : Printable.cut(manifest, Printable.PATH_CHARACTERS);
    }

    private TrustedKeys trustedKeys(Path root) {
        if (trust != null) {
            return Planning.keys().readTrustFile(trust.toPath(), root);
        }
        return new TrustedKeys(List.of(), "no trust file (configure <trust>, a file outside the workspace)");
    }
}
