/**
 * The one place where the engine's Jackson mappers are configured: JSON for reports, evidence and
 * command output, strict JSON for files read from users and tools, YAML for written artifacts.
 * Every mapper of the engine, the CLI and the report comes from {@link
 * dev.planning.engine.internal.json.JsonMappers}, so one setting cannot drift between two writers
 * of the same shape.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
