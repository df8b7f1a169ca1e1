/**
 * KPIs: the named inputs measured from a cycle's files (task breakdown, event log, imported
 * outcomes, handoff manifest, previous digest), and the evaluation of the rulebook's KPI formulas
 * over them. An input that cannot be measured is absent, and a KPI that reads it is "not
 * measured", never 0. {@link dev.planning.engine.internal.metrics.KpiInputCatalog} documents every input.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
