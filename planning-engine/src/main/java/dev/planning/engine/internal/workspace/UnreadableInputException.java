package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;

/**
 * A file or directory the engine needed could not be examined, listed or read for a cause the user
 * can fix (no permission, a path that runs through a file, a link that loops): never a finding about
 * the plans. A check that meets it refuses with it as it is (the command line's one {@code error:}
 * line, exit 2, nothing recorded) rather than report it as a failed gate or a discrepancy, which would
 * say the plans or the seal are wrong. A read the system failed (the disk answering an I/O error) is a
 * {@link dev.planning.api.SystemFailureException} instead ({@link DirectoryEntries}: exit 3), handed
 * on alike.
 *
 * <pre>{@code
 * } catch (UnreadableInputException | SystemFailureException e) {
 *     throw e; // not a discrepancy: the input is the user's to make readable, or the system failed
 * } catch (PlanningException e) {
 *     found.add(Discrepancy.of(...));
 * }
 * }</pre>
 */
public final class UnreadableInputException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message  what could not be read, why and what to do, on one line
     * @param location the path, relative to the workspace or as the user gave it
     * @param cause    the I/O failure
     */
    public UnreadableInputException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }
}
