-- The append as one server function: one call from JDBC (one round trip, one short plan: the
-- function call) instead of a statement of four CTEs whose plan PostgreSQL set up on every append.
-- The function's own statements are planned once per connection and kept (PL/pgSQL caches them).
--
-- Compare-and-append, as before:
-- * the head check is the portfolio row's UPDATE: it moves the row only when its head is the
--   expected one, and locks it; a second writer of the cycle waits for the first, then finds the
--   head moved and inserts nothing (NULL);
-- * when the portfolio row does not name the expected head (missing, behind its log, or the head
--   moved), the head is read from the event rows, the record; the line is appended only when that
--   head is the expected one;
-- * the event row is a plain INSERT: of two lines at one position, or two rows with one event id,
--   the primary key or planning_event_id admits one and the other writer gets a unique violation
--   (23505), which the store reads as before (a repeated append, or ConcurrentTransitionException).
--   The chain is unchanged: line n + 1 is inserted with prev_sha256 = the expected head, which is
--   line n's SHA-256.
-- Returns the new line's number, or NULL when the head is not the expected one.
--
-- Lock order: the portfolio row, then the event row (version 5's statement took them the other way
-- round). During a rolling upgrade an old and a new client appending to one cycle at once can
-- therefore deadlock; PostgreSQL aborts one of them (40P01), which the new client reads as a lost
-- race (see PostgresEventStore) and an old one reports as a failed append (SQLSTATE 40P01) that
-- it may repeat. Nothing is half-written: the victim's transaction is rolled back whole.
CREATE FUNCTION planning_append(
    p_repository text, p_stream text, p_cycle text, p_expected text, p_event_id text,
    p_type text, p_from_state text, p_to_state text, p_occurred_at timestamptz,
    p_sha256 text, p_line bytea, p_details jsonb, p_state text, p_outbox boolean)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    v_seq  integer;
    v_head text;
BEGIN
    UPDATE planning_cycle
       SET state = COALESCE(p_state, state), events = events + 1, head_sha256 = p_sha256,
           updated_at = p_occurred_at
     WHERE repository = p_repository AND stream = p_stream AND cycle_id = p_cycle
       AND head_sha256 = p_expected
    RETURNING events INTO v_seq;
    IF v_seq IS NULL THEN
        SELECT seq, sha256 INTO v_seq, v_head FROM planning_event
         WHERE repository = p_repository AND stream = p_stream AND cycle_id = p_cycle
         ORDER BY seq DESC LIMIT 1;
        IF v_seq IS NULL THEN
            v_seq := 0;
            v_head := '0000000000000000000000000000000000000000000000000000000000000000';
        END IF;
        IF v_head <> p_expected THEN
            RETURN NULL;
        END IF;
        v_seq := v_seq + 1;
        INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)
        VALUES (p_repository, p_stream, p_cycle, COALESCE(p_state, 'PLANNED'), v_seq, p_sha256, p_occurred_at)
        ON CONFLICT (repository, stream, cycle_id) DO UPDATE
           SET state = COALESCE(p_state, planning_cycle.state), events = EXCLUDED.events,
               head_sha256 = EXCLUDED.head_sha256, updated_at = EXCLUDED.updated_at;
    END IF;
    INSERT INTO planning_event (repository, stream, cycle_id, seq, event_id, event_type, from_state,
                                to_state, occurred_at, prev_sha256, sha256, line, details)
    VALUES (p_repository, p_stream, p_cycle, v_seq, p_event_id, p_type, p_from_state,
            p_to_state, p_occurred_at, p_expected, p_sha256, p_line, p_details);
    IF p_outbox THEN
        INSERT INTO planning_outbox (repository, stream, cycle_id, seq, event_id)
        VALUES (p_repository, p_stream, p_cycle, v_seq, p_event_id);
    END IF;
    RETURN v_seq;
END
$$;
