package dev.planning.report;

/**
 * One item of the portfolio's "needs attention" list.
 *
 * @param cycle the cycle it concerns, as {@code stream/cycle}, or empty for the workspace
 * @param kind  a short label shown before the text (never only a colour)
 * @param text  what needs attention
 * @param page  the site page that shows the details, relative to the site root
 */
record Attention(String cycle, String kind, String text, String page) {
}
