package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.report.HtmlReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The demo's HTML report: what {@code planning report --html DIR/site} writes for the demo workspace. */
final class DemoSite {

    private DemoSite() {
    }

    /** Writes the site and returns its portfolio page. */
    static Path write(PlanningWorkspace workspace, TrustedKeys trust, Path directory) {
        return HtmlReport.builder(workspace).trustedKeys(trust).asOf(LocalDate.now(ZoneOffset.UTC)).build()
                .write(directory).index();
    }
}
