package dev.planning.report;

/**
 * One item of the portfolio's "needs attention" list.
 *
 * @param cycle the cycle it concerns, as {@code stream/cycle}, or empty for the workspace
 * @param kind  a short label shown before the text (never only a colour)
 * @param text  what needs attention, as shown: each value it names quoted where it is built ({@link
 *              dev.planning.api.Printable#line}), so the page shows its escapes as they are (msg41)
 * @param page  the site page that shows the details, relative to the site root
 */
record Attention(String cycle, String kind, String text, String page) {
}
