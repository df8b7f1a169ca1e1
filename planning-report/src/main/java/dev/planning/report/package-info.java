/**
 * The workspace as a static, self-contained HTML site; the entry point is {@link dev.planning.report.HtmlReport}.
 */
package dev.planning.report;
