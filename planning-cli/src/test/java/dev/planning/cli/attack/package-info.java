/**
 * The attack suite: each test plays one route of a contributor who can edit and commit any file
 * of the repository but holds no signing key, on a fresh copy of the frontend example
 * ({@link dev.planning.cli.attack.AttackWorkspace}), and shows that {@code verify}, {@code sign},
 * {@code advance} or {@code gate} refuses, naming the discrepancy, and writes nothing where it
 * refuses.
 */
package dev.planning.cli.attack;
