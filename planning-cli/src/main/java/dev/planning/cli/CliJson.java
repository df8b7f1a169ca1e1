package dev.planning.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The CLI's one JSON writer for {@code --format json} outputs: indented, keys in insertion order. */
final class CliJson {

    /** Thread-safe once configured, as Jackson documents; shared by every report. */
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CliJson() {
    }
}
