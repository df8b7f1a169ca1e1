/**
 * Planning events: the facts a cycle's log is made of. A cycle's state is the fold of its events.
 *
 * <p>On disk each event is one JSON line in the {@code planning_event} envelope, chained to the
 * previous line by its SHA-256; {@link dev.planning.api.event.RecordedEvent} is an event as read
 * back, with its place in that chain.
 *
 * @since 0.1
 */
package dev.planning.api.event;
