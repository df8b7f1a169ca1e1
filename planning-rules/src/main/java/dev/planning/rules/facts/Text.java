package dev.planning.rules.facts;

import java.util.Optional;

/** Normalises optional text for facts: blank and absent both become {@code null}. */
final class Text {

    private Text() {
    }

    static String orNull(Optional<String> value) {
        return value.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    static String orNull(String value) {
        return orNull(Optional.ofNullable(value));
    }
}
