/**
 * The records of the JSON documents {@code CiReports}' JSON methods write (what the command line's
 * {@code --format json} prints), one per schema under {@code schemas/output/} of the engine jar. Not
 * an API: public only so that the command line's tests can pin their bytes.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.report.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
