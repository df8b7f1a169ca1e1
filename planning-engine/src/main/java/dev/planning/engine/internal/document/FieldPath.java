package dev.planning.engine.internal.document;

import java.util.List;

/**
 * A place in a parsed planning file, as the path of keys and indexes from its root ({@code String}
 * and {@code Integer} segments), written for a message ({@link #name}) or a JSON pointer
 * ({@link #pointer}) that {@link LocatedDocument} locates.
 */
public final class FieldPath {

    /** How much of a key a field name shows: a file's keys are the contributor's, of any length. */
    static final int SHOWN_KEY_LENGTH = 40;

    private FieldPath() {
    }

    /**
     * {@code controls.audit_trail}, {@code dependencies[1]}; a key longer than {@value #SHOWN_KEY_LENGTH}
     * characters shortened with {@code ...}, so that a message stays short; empty for the root.
     *
     * @param path the keys and indexes from the root
     * @return the field's name
     */
    public static String name(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                String key = segment.toString();
                if (key.length() > SHOWN_KEY_LENGTH) {
                    int end = Character.isHighSurrogate(key.charAt(SHOWN_KEY_LENGTH - 1)) ? SHOWN_KEY_LENGTH - 1
                            : SHOWN_KEY_LENGTH;
                    key = key.substring(0, end) + "...";
                }
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(key);
            }
        }
        return name.toString();
    }

    /**
     * The JSON pointer of the place ({@code /tasks/3/title}), {@code ~} and {@code /} escaped.
     *
     * @param path the keys and indexes from the root
     * @return the pointer; empty for the root
     */
    public static String pointer(List<Object> path) {
        StringBuilder pointer = new StringBuilder();
        for (Object segment : path) {
            pointer.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
