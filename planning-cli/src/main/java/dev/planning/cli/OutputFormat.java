package dev.planning.cli;

/** How commands that report findings print them. */
enum OutputFormat {
    /** {@code file:line:column: severity: message [code]} lines and a summary, for people. */
    text,
    /** One JSON document on standard output, for scripts. */
    json
}
