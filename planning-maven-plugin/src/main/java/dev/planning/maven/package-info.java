/**
 * The planning Maven plugin: goals {@code lint}, {@code gate}, {@code verify} and {@code rules-test},
 * bound to the {@code verify} phase. Each calls the library's facade
 * ({@link dev.planning.engine.Planning}), writes SARIF and JUnit XML under
 * {@code target/planning/}, and fails the build as the command line exits: a check that does not
 * hold is a {@link org.apache.maven.plugin.MojoFailureException}, bad input a
 * {@link org.apache.maven.plugin.MojoExecutionException} naming the file, line and column.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.maven;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
