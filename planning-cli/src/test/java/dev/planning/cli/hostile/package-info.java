/**
 * The hostile-input corpus: generated and checked-in cases run through the CLI in-process, and a
 * property test that damages valid artifacts at random. See docs/RELIABILITY.md.
 */
package dev.planning.cli.hostile;
