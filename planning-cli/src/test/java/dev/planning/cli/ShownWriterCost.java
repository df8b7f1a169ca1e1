package dev.planning.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A JMH-free measurement of {@link ShownWriter}'s cost per character against the filter it replaced
 * (kept below as it was at {@code 0e7cb62}), by the thread's CPU time, the two interleaved (A B A B)
 * in one JVM after a warm-up. Not a test: run by hand,
 * {@code java -cp planning-api/target/classes:planning-cli/target/classes:planning-cli/target/test-classes dev.planning.cli.ShownWriterCost}.
 */
final class ShownWriterCost {

    private ShownWriterCost() {
    }

    /** The filter as it was before the fifth review: the old per-character check, char by char. */
    static final class Before extends FilterWriter {

        Before(Writer out) {
            super(out);
        }

        static boolean actedOn(char c) {
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return true;
            }
            return c >= '\u2028' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                    || c == '\u061c';
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            int end = offset + length;
            int start = offset;
            for (int i = offset; i < end; i++) {
                char c = text.charAt(i);
                if (actedOn(c) && c != '\n' && c != '\t' && !(c == '\r' && i + 1 < end && text.charAt(i + 1) == '\n')) {
                    out.write(text, start, i - start);
                    StringBuilder escaped = new StringBuilder(6);
                    dev.planning.api.Printable.escape(escaped, c);
                    out.write(escaped.toString());
                    start = i + 1;
                }
            }
            out.write(text, start, end - start);
        }
    }

    /** Counts what is written and keeps nothing, so the filter's own work is what is measured. */
    static final class Sink extends Writer {
        long count;

        @Override
        public void write(char[] cbuf, int off, int len) {
            count += len;
        }

        @Override
        public void write(String str, int off, int len) {
            count += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws IOException {
        String ascii = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml:103:13: error: task FE-99: "
                + "parent `FE-9` is not a task of this file [ref.dangling]\n  {\"rule\": \"ref.dangling\", \"line\": 103}\n";
        String mixed = "task FE-12: Écran de connexion, accessibilité vérifiée — 50 % fait; 日本語の説明 \ud83d\ude00 ok\n";
        String latin = "tâche FE-12 : écran de connexion, accessibilité vérifiée, größer, niño, São Paulo, Łódź\n";
        String cjk = "任务 FE-12：登录界面，无障碍检查已完成，日本語の説明と한국어 설명\n";
        for (String[] load : new String[][] {{"ascii", ascii}, {"mixed", mixed}, {"latin", latin}, {"cjk", cjk}}) {
            String chunk = load[1].repeat(64);
            int rounds = 20_000_000 / chunk.length();
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            int runs = 11;
            long[] before = new long[runs];
            long[] after = new long[runs];
            for (int warm = 0; warm < 3; warm++) {
                pass(new Before(new Sink()), chunk, rounds);
                pass(new ShownWriter(new Sink()), chunk, rounds);
            }
            for (int r = 0; r < runs; r++) {
                long t0 = bean.getCurrentThreadCpuTime();
                pass(new Before(new Sink()), chunk, rounds);
                long t1 = bean.getCurrentThreadCpuTime();
                pass(new ShownWriter(new Sink()), chunk, rounds);
                long t2 = bean.getCurrentThreadCpuTime();
                before[r] = t1 - t0;
                after[r] = t2 - t1;
            }
            long chars = (long) chunk.length() * rounds;
            System.out.printf("%s: %,d chars per run, %d runs; before %s; after %s (ns/char, median [min-max])%n", load[0],
                    chars, runs, summary(before, chars), summary(after, chars));
        }
    }

    private static void pass(Writer filter, String chunk, int rounds) throws IOException {
        for (int i = 0; i < rounds; i++) {
            filter.write(chunk, 0, chunk.length());
        }
        filter.flush();
    }

    private static String summary(long[] nanos, long chars) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.3f [%.3f-%.3f]", (double) sorted[sorted.length / 2] / chars, (double) sorted[0] / chars,
                (double) sorted[sorted.length - 1] / chars);
    }
}
