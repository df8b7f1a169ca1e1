package dev.planning.api.outcome;

import dev.planning.api.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks the SHA-256 texts of the outcome records: 64 lowercase hexadecimal digits. */
final class Sha256Text {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256Text() {
    }

    static String require(String sha256, String path) {
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX.matcher(sha256).matches()) {
            throw new InvalidInputException("the SHA-256 of " + path + " must be 64 lowercase hexadecimal digits, not '"
                    + sha256 + "'");
        }
        return sha256;
    }

    static String requirePath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new InvalidInputException("an outcome's path must be workspace-relative with '/' separators, not '"
                    + path + "'");
        }
        return path;
    }
}
