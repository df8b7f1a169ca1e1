/**
 * Reading planning files safely, with source positions.
 *
 * <p>{@link dev.planning.engine.internal.document.YamlDocuments} turns a YAML file into a
 * {@link dev.planning.engine.internal.document.LocatedDocument}: a Jackson tree in which every node
 * remembers its line and column, so that any finding about the document can name
 * {@code file:line:column}. {@link dev.planning.engine.internal.document.MarkdownDocuments} does the same for
 * the YAML front matter of a Markdown file (story maps, digests), with lines counted in the
 * Markdown file.
 *
 * <p>The readers are hardened against hostile input: strict UTF-8, a size limit, a nesting limit,
 * no aliases (so no alias-expansion bombs), no duplicate keys. Every problem becomes a
 * {@link dev.planning.api.DocumentException} whose message says where and what was
 * expected.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.document;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
