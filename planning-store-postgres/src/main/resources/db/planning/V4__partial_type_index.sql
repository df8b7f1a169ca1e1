-- The index by event type and time serves only the cross-cycle queries (PostgresCycleQueries),
-- which read four types: pending signatures (MANIFEST_SEALED, SIGNATURE_ADDED), expiring waivers
-- (WAIVER_GRANTED, MANIFEST_SEALED) and recent refusals (TRANSITION_REFUSED). Every append of any
-- other type (state transitions, the bulk of a log) paid for an entry no query reads: one more
-- index insertion and its WAL in each durable transition (benchmark B6, one writer). Keep the
-- entries of the four types only; a query of another type still answers, by a scan.
DROP INDEX planning_event_type_time;
CREATE INDEX planning_event_type_time ON planning_event (repository, event_type, occurred_at)
    WHERE event_type IN ('MANIFEST_SEALED', 'SIGNATURE_ADDED', 'WAIVER_GRANTED', 'TRANSITION_REFUSED');
