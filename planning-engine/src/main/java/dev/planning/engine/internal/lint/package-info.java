/**
 * Linting planning files: schema validation plus the semantic checks a schema cannot express
 * (unique ids, resolvable references, a file's cycle and stream matching its name).
 *
 * <p>{@link dev.planning.engine.internal.lint.CycleLinter} checks the files of one cycle and is what the
 * {@code schema_lint} gate runs; {@link dev.planning.engine.internal.lint.WorkspaceLinter} runs it over every
 * selected cycle of a workspace for {@code planning lint}. Unreadable files become findings, never
 * exceptions, so one bad file does not hide the others. Finding codes are listed in
 * {@link dev.planning.engine.internal.lint.LintCodes}.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.lint;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
