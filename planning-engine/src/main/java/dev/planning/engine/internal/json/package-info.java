/**
 * The one place where the engine's Jackson mappers are configured: JSON for reports, evidence and
 * command output, strict JSON for files read from users and tools, YAML for written artifacts.
 * The mappers of the engine, the CLI, the report and the benchmarks come from {@link
 * dev.planning.engine.internal.json.JsonMappers}, so one setting cannot drift between two writers
 * of the same shape. Two keep their own configuration on purpose: the hardened YAML reader
 * ({@code document.YamlDocuments}, whose parser factory also feeds the schema validator) and the
 * canonical form that input digests hash ({@code rules.internal.drools.InputDigests}).
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
