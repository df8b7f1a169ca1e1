package dev.planning.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link HtmlReport#write} wrote.
 *
 * @param directory the site's directory
 * @param index     the portfolio page, {@code index.html} in {@code directory}; open it in a browser
 * @param files     every file written, relative to {@code directory}, in order
 * @param cycles    how many cycles the site shows
 * @param attention how many items the "needs attention" list holds
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReportResult(Path directory, Path index, List<String> files, int cycles, int attention) {

    /**
     * Validates and copies.
     *
     * @param directory the site's directory
     * @param index the portfolio page, {@code index.html} in {@code directory}; open it in a browser
     * @param files every file written, relative to {@code directory}, in order
     * @param cycles how many cycles the site shows
     * @param attention how many items the "needs attention" list holds
     */
    public ReportResult {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(index, "index");
        files = List.copyOf(files);
    }
}
