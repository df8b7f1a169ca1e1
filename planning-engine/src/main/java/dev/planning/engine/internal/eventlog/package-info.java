/**
 * The cycle event log on disk: one JSON line per event in the {@code planning_event} envelope,
 * each line carrying the SHA-256 of the line before it, so that an edited, deleted, inserted or
 * reordered line breaks the chain and is reported with its line number.
 *
 * <p>{@link dev.planning.engine.internal.eventlog.FileEventStore} is the file-system
 * {@link dev.planning.api.store.EventStore}; {@link dev.planning.engine.internal.eventlog.EventLineCodec}
 * maps an event to its line and back.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
