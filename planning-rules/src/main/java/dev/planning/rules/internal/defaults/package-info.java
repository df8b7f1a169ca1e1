/**
 * The default rulebook shipped with the library (Critical=0, compliance, hygiene rules, their
 * tests and {@code rulebook.yaml}), and {@link dev.planning.rules.internal.defaults.DefaultRulebook}, which
 * copies it into a workspace.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.rules.internal.defaults;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
