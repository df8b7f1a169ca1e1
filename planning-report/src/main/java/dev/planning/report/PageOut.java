package dev.planning.report;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.owasp.encoder.Encode;

/**
 * One page as it is rendered, written straight to its file as UTF-8: a page is never held whole, so
 * rendering a site needs memory for the facts it shows and a buffer, not for its largest page. Values
 * from the workspace go through {@link #text} and {@link #attr}, which escape as {@link Html#text} and
 * {@link Html#attr} do, streaming (OWASP Java Encoder's writer forms).
 */
final class PageOut implements Closeable {

    private final Writer out;

    PageOut(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Markup the site wrote itself (or a value already escaped). */
    PageOut append(String markup) {
        try {
            out.write(markup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A character of markup (without this, a {@code char} would be written as its number). */
    PageOut append(char c) {
        return append(String.valueOf(c));
    }

    PageOut append(long number) {
        return append(Long.toString(number));
    }

    PageOut append(Object value) {
        return append(String.valueOf(value));
    }

    /** A value as HTML text content, as {@link Html#text} escapes it. */
    PageOut text(String value) {
        return encoded(value, false);
    }

    /** A value as a quoted HTML attribute value, as {@link Html#attr} escapes it. */
    PageOut attr(String value) {
        return encoded(value, true);
    }

    /**
     * Text already shown (an error's message, a finding's), as HTML text content, as {@link Html#textOfShown} escapes
     * it.
     */
    PageOut textOfShown(String shown) {
        try {
            Encode.forHtml(out, Html.shownAgain(shown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private PageOut encoded(String value, boolean attribute) {
        try {
            if (attribute) {
                Encode.forHtmlAttribute(out, Html.shown(value));
            } else {
                Encode.forHtml(out, Html.shown(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
