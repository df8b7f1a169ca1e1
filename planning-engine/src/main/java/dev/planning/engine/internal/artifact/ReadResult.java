package dev.planning.engine.internal.artifact;

import dev.planning.api.InvalidInputException;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading one artifact: the model, when the file was readable and valid, and every
 * finding made while reading it.
 *
 * @param model    the artifact; empty when any error was found
 * @param findings what reading found, in document order
 * @param <T>      the artifact's type
 */
public record ReadResult<T>(Optional<T> model, List<Finding> findings) {

    public ReadResult {
        Objects.requireNonNull(model, "model");
        findings = List.copyOf(findings);
    }

    /** A model read without errors (the findings may hold warnings). */
    public static <T> ReadResult<T> of(T model, List<Finding> findings) {
        return new ReadResult<>(Optional.of(model), findings);
    }

    /** No model: the findings say why. */
    public static <T> ReadResult<T> failed(List<Finding> findings) {
        return new ReadResult<>(Optional.empty(), findings);
    }

    /**
     * The model, for callers that treat any error as fatal.
     *
     * @throws InvalidInputException located at the first error, listing every error (the first
     *         {@value ErrorList#MAX_SHOWN}, then how many more)
     */
    public T orThrow() {
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (model.isPresent() && errors.isEmpty()) {
            return model.get();
        }
        if (errors.isEmpty()) {
            throw new InvalidInputException("the artifact could not be read");
        }
        throw ErrorList.exception("", errors, null);
    }

    /** Whether any finding is an error. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
