/**
 * Findings in the formats CI systems read: JUnit XML ({@link dev.planning.engine.internal.report.JUnitXml},
 * generic suites of test cases, for any command that runs checks) and SARIF 2.1.0
 * ({@link dev.planning.engine.internal.report.Sarif}, so that code hosts annotate the exact file and line
 * of each finding), with one-line descriptions of the finding codes
 * ({@link dev.planning.engine.internal.report.RuleCatalog}); the Markdown building blocks
 * ({@link dev.planning.engine.internal.report.Markdown}) and the text of the command line's JSON
 * documents ({@link dev.planning.engine.internal.report.CommandJson}) for the public methods of
 * planning-report and planning-rules that return them.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
