/**
 * The HTML report and the CI report formats ({@code HtmlReport}, {@code CiReports}).
 * Added to the jar at package time (ModiTect), so the jar runs on the module path as it is.
 */
open module dev.planning.report {
    requires transitive dev.planning.api;
    requires transitive dev.planning.engine;
    requires com.fasterxml.jackson.databind;
    requires owasp.encoder;

    exports dev.planning.report;
}
