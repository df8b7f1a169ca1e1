/**
 * The cycle digest ({@code digests/{cycle}-digest.md}): what people read about a cycle. Its front
 * matter holds every figure (KPI inputs and values, gate outcomes, manifest checksum) for the next
 * cycle's deltas; its body is rendered from a Mustache template (the shipped one or the user's) and
 * holds the KPI table with deltas and trends, gate outcomes with evidence links, the manifest
 * excerpt, scope changes, decisions and waivers, improvement actions and Mermaid charts. The same
 * inputs always give the same bytes. {@link dev.planning.engine.internal.digest.DigestPublisher} is the
 * entry point.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.digest;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
