package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What an import did.
 *
 * @param cycle   the cycle imported into
 * @param files   each file given, in the order given
 * @param eventId the {@code OUTCOMES_IMPORTED} event recorded; empty when every file was already
 *                imported and nothing changed
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ImportReport(CycleRef cycle, List<ImportedFile> files, Optional<String> eventId) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle imported into
     * @param files each file given, in the order given
     * @param eventId the {@code OUTCOMES_IMPORTED} event recorded; empty when every file was already imported
     *                and nothing changed
     */
    public ImportReport {
        Objects.requireNonNull(cycle, "cycle");
        files = List.copyOf(files);
        Objects.requireNonNull(eventId, "eventId");
    }

    /**
     * Whether anything new was stored.
     *
     * @return whether anything new was stored
     */
    public boolean changed() {
        return eventId.isPresent();
    }
}
