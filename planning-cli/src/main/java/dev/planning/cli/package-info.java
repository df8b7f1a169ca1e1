/**
 * The {@code planning} command line: one picocli command per job, thin over the engine's
 * {@code PlanningWorkspace}. Exit codes: 0 the check holds, 1 it does not, 2 bad usage or
 * unreadable input, 3 an internal error (a bug).
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
