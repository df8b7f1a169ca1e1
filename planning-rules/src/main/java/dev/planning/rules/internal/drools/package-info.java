/**
 * The Drools governance engine: compiles a rulebook's DRL files into a knowledge base once per
 * rulebook hash, and evaluates each {@link dev.planning.api.governance.GovernanceInput} in a fresh,
 * bounded session.
 *
 * <p>The entry point is {@link dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory}, which is
 * also registered for {@link java.util.ServiceLoader} as the
 * {@link dev.planning.api.governance.GovernanceEngineFactory}. Everything else here is internal.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.rules.internal.drools;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
