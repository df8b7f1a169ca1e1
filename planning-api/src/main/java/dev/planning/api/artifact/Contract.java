package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One declared cross-stream contract: work a provider stream (or a team outside the workspace)
 * provides, that the consuming stream's dependencies may name before it is in the provider's plan.
 *
 * @param provider the providing stream, e.g. {@code be}
 * @param id the provided item's id; {@code be:PLN-BE-009} names provider {@code be}, id {@code PLN-BE-009}
 * @param status   how firm it is
 * @param owner    who on the provider side answers for it
 * @param due      when the provider delivers it, if stated
 * @param location where the entry is written
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Contract(String provider, String id, Status status, String owner, Optional<LocalDate> due,
        SourceLocation location) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param provider the providing stream, e.g. {@code be}
     * @param id the provided item's id; {@code be:PLN-BE-009} names provider {@code be}, id {@code
     *           PLN-BE-009}
     * @param status how firm it is
     * @param owner who on the provider side answers for it
     * @param due when the provider delivers it, if stated
     * @param location where the entry is written
     */
    public Contract {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(location, "location");
    }

    /**
     * {@code provider:id}, the form dependencies use.
     *
     * @return {@code provider:id}, the form dependencies use
     */
    public String reference() {
        return provider + ":" + id;
    }

    /** How firm a contract is. */
    public enum Status {
        /** A placeholder the consumer builds against. */
        STUB,
        /** The provider committed to it. */
        AGREED,
        /** It exists. */
        DELIVERED;

        /**
         * The status as written in the file ({@code stub}, {@code agreed}, {@code delivered}).
         *
         * @param text {@code stub}, {@code agreed} or {@code delivered}
         * @return the status as written in the file ({@code stub}, {@code agreed}, {@code delivered})
         */
        public static Status parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
