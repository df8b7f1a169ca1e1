package dev.planning.cli;

import dev.planning.api.lifecycle.CycleState;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a lifecycle state, accepting any case and {@code -} for {@code _}. */
final class StateConverter implements ITypeConverter<CycleState> {

    @Override
    public CycleState convert(String value) {
        try {
            return CycleState.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
