package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A dependency of a task on a task of a named stream ({@code be:PLN-BE-001}), and whether it
 * resolves.
 *
 * <p>It is {@code resolved} when the referenced stream's plan is known and contains the id, or
 * when that plan is not available at all (then nothing can be judged: {@code streamPresent} is
 * {@code false}). A reference into a present plan that lacks the id is unresolved: a broken
 * contract.
 *
 * @param fromTask      the id of the task that depends
 * @param stream        the referenced stream
 * @param id            the referenced task id
 * @param streamPresent whether the referenced stream's plan was available
 * @param resolved      whether the reference holds (see above)
 * @param location      where the depending task is written
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CrossStreamRefFact(
        String fromTask, String stream, String id, boolean streamPresent, boolean resolved, SourceLocation location) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param fromTask the id of the task that depends
     * @param stream the referenced stream
     * @param id the referenced task id
     * @param streamPresent whether the referenced stream's plan was available
     * @param resolved whether the reference holds (see above)
     * @param location where the depending task is written
     */
    public CrossStreamRefFact {
        Objects.requireNonNull(fromTask, "fromTask");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(location, "location");
    }

    /**
     * The reference as written, {@code stream:id}.
     *
     * @return the reference as written, {@code stream:id}
     */
    public String reference() {
        return stream + ":" + id;
    }
}
