/**
 * Processes a test starts: {@link dev.planning.testkit.process.ChildProcesses} gives a child JVM,
 * a shell script or the launcher the test JVM's temporary directory, so that what the child
 * leaves there is seen by the build's check that tests leave nothing behind.
 *
 * @since 0.1
 */
package dev.planning.testkit.process;
