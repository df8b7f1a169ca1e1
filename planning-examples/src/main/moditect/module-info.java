/**
 * The runnable examples; {@code java --module-path ... -m dev.planning.examples/dev.planning.examples.EmbeddingExample}
 * needs no other flag. Open, so that the demo's resources (the example workspace and its inputs)
 * can be read by name.
 * Added to the jar at package time (ModiTect), so the jar runs on the module path as it is.
 */
open module dev.planning.examples {
    requires transitive dev.planning.engine;
    requires transitive dev.planning.rules;
    requires transitive dev.planning.report;
    requires org.eclipse.jgit;

    exports dev.planning.examples;
}
