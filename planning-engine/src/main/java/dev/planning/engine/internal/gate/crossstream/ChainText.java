package dev.planning.engine.internal.gate.crossstream;

import java.util.List;

/**
 * A chain of tasks as a finding prints it, bounded: a long chain shows its first and last
 * {@value #ENDS} links around the number left out, so a 40,000-task chain is one readable line,
 * not half a megabyte. Evidence files keep the whole chain.
 */
final class ChainText {

    /** Links shown at each end of a long chain. */
    static final int ENDS = 5;

    private ChainText() {
    }

    static String of(List<String> chain, String separator) {
        if (chain.size() <= 2 * ENDS + 1) {
            return String.join(separator, chain);
        }
        return String.join(separator, chain.subList(0, ENDS)) + separator + "... (" + (chain.size() - 2 * ENDS)
                + " more) ..." + separator + String.join(separator, chain.subList(chain.size() - ENDS, chain.size()));
    }
}
