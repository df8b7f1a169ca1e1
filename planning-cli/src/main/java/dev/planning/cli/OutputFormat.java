package dev.planning.cli;

/** How commands that report findings print them. */
enum OutputFormat {
    /** {@code file:line:column: severity: message [code]} lines and a summary, for people. */
    text,
    /** One JSON document on standard output, for scripts. */
    json,
    /** JUnit XML on standard output, for CI test reports (lint, gate and advance). */
    junit,
    /** SARIF 2.1.0 on standard output, for code-host annotations (lint, gate and advance). */
    sarif,
    /** Markdown tables and a one-line verdict, for {@code $GITHUB_STEP_SUMMARY} and pull-request comments. */
    markdown
}
