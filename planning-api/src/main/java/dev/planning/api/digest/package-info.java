/**
 * Publishing a cycle's digest ({@code planning digest}): the
 * {@link dev.planning.api.digest.DigestResult} of a publication. The digest's figures are a
 * {@link dev.planning.api.artifact.DigestSummary}.
 *
 * @since 0.1
 */
package dev.planning.api.digest;
