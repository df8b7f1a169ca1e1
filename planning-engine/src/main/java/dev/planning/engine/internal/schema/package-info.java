/**
 * The JSON Schemas (draft 2020-12) of every machine-read planning artifact, shipped as resources
 * under {@code schemas/<name>/1.0.json}, and the validation of located documents against them.
 *
 * <p>{@link dev.planning.engine.internal.schema.SchemaCatalog#standard()} compiles the schemas once and
 * turns validation errors into {@link dev.planning.api.gate.Finding}s with a position and a message
 * a person understands ("task FE-12: `priority` must be one of P0, P1, P2, P3 (found "P9")").
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.schema;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
