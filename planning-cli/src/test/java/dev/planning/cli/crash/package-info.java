/**
 * Crash safety: a child JVM walking a cycle is killed with SIGKILL at random points, and the
 * workspace is reopened and checked. See docs/RELIABILITY.md.
 */
package dev.planning.cli.crash;
