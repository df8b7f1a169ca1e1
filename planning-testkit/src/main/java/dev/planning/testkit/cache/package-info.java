/**
 * Files of the compiled-rulebook cache written by a test: {@link dev.planning.testkit.cache.CacheFiles}
 * gives a forged file the header the cache authenticates, so a test of what the cache does with a
 * payload (its deserialization filter, its payload checks) reaches those checks.
 *
 * @since 0.1
 */
package dev.planning.testkit.cache;
