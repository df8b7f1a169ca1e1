/**
 * The records of the JSON documents {@code RuleTestReport.json} and {@code RulebookImpact.json}
 * write with the engine's {@code CommandJson} (what {@code planning rules test} and
 * {@code rules diff --format json} print), as the schemas
 * under {@code schemas/output/} of the engine jar describe them. Not an API: public only so that the
 * command line's tests can pin their bytes.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.rules.internal.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
