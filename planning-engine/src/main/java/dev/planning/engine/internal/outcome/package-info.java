/**
 * Execution outcomes read from the standard report formats tools already write: line and branch
 * coverage from JaCoCo XML ({@link dev.planning.engine.internal.outcome.JacocoXml}) and LCOV tracefiles
 * ({@link dev.planning.engine.internal.outcome.Lcov}), and the coverage reports of a cycle's
 * {@code outcomes/{cycle}/} directory ({@link dev.planning.engine.internal.outcome.CoverageReports}).
 *
 * <p>The parsers are standalone (a file in, a {@link dev.planning.engine.internal.outcome.CoverageReport}
 * out) and hardened: the XML parser loads no DTD and resolves no entity, so a hostile report can
 * neither read files nor expand without end, and every error names the file, line and column.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.outcome;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
