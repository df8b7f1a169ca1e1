/**
 * Reading the YAML inputs of this module (rule test files, decision logs) with Jackson, and
 * turning Jackson's errors into {@link dev.planning.api.InvalidInputException}s that name the
 * file, line, column and field, and say what was expected in plain words.
 *
 * @since 0.1
 */
package dev.planning.rules.yaml;
