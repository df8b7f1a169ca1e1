/**
 * Concurrency: processes and threads racing advance and sign on one cycle. See docs/RELIABILITY.md.
 */
package dev.planning.cli.race;
