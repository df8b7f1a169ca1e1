/**
 * The rulebook as data: the versioned directory of governance settings, gate profiles and DRL
 * rules that judges a cycle, identified by its SHA-256 hash.
 *
 * @since 0.1
 */
package dev.planning.api.rulebook;
