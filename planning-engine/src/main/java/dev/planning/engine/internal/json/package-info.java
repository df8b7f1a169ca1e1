/**
 * The one place where the engine's Jackson mappers are configured: JSON for reports, evidence and
 * command output, strict JSON for files read from users and tools, YAML for written artifacts.
 * The mappers of the engine, the CLI, the report and the benchmarks come from {@link
 * dev.planning.engine.internal.json.JsonMappers}, so one setting cannot drift between two writers
 * of the same shape. Two keep their own configuration on purpose: the hardened YAML reader
 * ({@code document.YamlDocuments}, whose parser factory also feeds the schema validator) and the
 * canonical form that input digests hash ({@code rules.internal.drools.InputDigests}); the CLI's
 * {@code CliJson} is configured the same as {@code prettyJson()} but kept apart, because the CLI
 * may use only the public API.
 *
 * <p>Writers describe the documents they write as records annotated for Jackson (field order,
 * snake_case names, what is left out when absent or empty) rather than building trees key by key:
 * the digest's front matter and template scope, SARIF, gate evidence, the handoff manifest and its
 * signing input, the task breakdown, the story map and the trust file. Golden files under
 * {@code src/test/resources/golden/} pin the bytes of each, so a change of field order, of what is
 * left out, or of number formatting fails a test.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
