/**
 * The governance benchmark's baseline: the default rulebook's policies as plain Java, judged
 * against the same facts as the Drools engine and held to the same decisions by a unit test.
 */
package dev.planning.bench.governance;
