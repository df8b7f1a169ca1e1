package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the session throws while matching, in a form Drools does not wrap, is the rule's mistake only when MVEL or
 * Drools threw it (review34): one this library's code threw is a bug of ours, handed on as it is (an internal
 * error), never told to the user as their rule's.
 */
class MatchingFailureTest {

    @Test
    void oneMvelThrewIsTheRulesAndOneThisLibraryThrewIsHandedOnAsItIs() {
        RuntimeException mvel = thrownAt("org.mvel2.ast.BinaryOperation", "java.lang.Integer");
        RuntimeException ours = thrownAt("java.util.Objects", "dev.planning.rules.facts.TaskFact", "org.mvel2.X");
        RuntimeException bare = thrownAt();

        assertThat(DroolsGovernanceEngine.matching(mvel)).isInstanceOf(DroolsGovernanceEngine.MatchingFailed.class)
                .hasCause(mvel);
        assertThat(DroolsGovernanceEngine.matching(ours)).isSameAs(ours);
        assertThat(DroolsGovernanceEngine.matching(bare)).isInstanceOf(DroolsGovernanceEngine.MatchingFailed.class);
    }

    /** A {@link NullPointerException} whose stack's frames are in {@code types}, innermost first. */
    private static RuntimeException thrownAt(String... types) {
        NullPointerException e = new NullPointerException("x");
        StackTraceElement[] stack = new StackTraceElement[types.length];
        for (int i = 0; i < types.length; i++) {
            stack[i] = new StackTraceElement(types[i], "m", null, -1);
        }
        e.setStackTrace(stack);
        return e;
    }
}
