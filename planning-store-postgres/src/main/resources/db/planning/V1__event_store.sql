-- The event store: one row per event line, hash-chained as in the file store.
-- Compare-and-append is the primary key: of two writers appending line N of a cycle, the database
-- admits exactly one; the other gets a unique violation (reported as ConcurrentTransitionException).
CREATE TABLE planning_event (
    repository  text        NOT NULL,
    stream      text        NOT NULL,
    cycle_id    text        NOT NULL,
    seq         integer     NOT NULL CHECK (seq >= 1),
    event_id    text        NOT NULL,
    event_type  text        NOT NULL,
    from_state  text,
    to_state    text,
    occurred_at timestamptz NOT NULL,
    prev_sha256 char(64)    NOT NULL,
    sha256      char(64)    NOT NULL,
    line        bytea       NOT NULL,
    details     jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (repository, stream, cycle_id, seq),
    -- No fork of the chain: each line chains to a distinct previous line.
    CONSTRAINT planning_event_chain UNIQUE (repository, stream, cycle_id, prev_sha256),
    -- Appends are idempotent by event id (per cycle).
    CONSTRAINT planning_event_id UNIQUE (repository, stream, cycle_id, event_id)
);

CREATE INDEX planning_event_type_time ON planning_event (repository, event_type, occurred_at);

-- One row per cycle, written in the same transaction as each event: the portfolio without a fold.
-- Derived data: the event rows stay the record; this projection can be rebuilt from them.
CREATE TABLE planning_cycle (
    repository  text        NOT NULL,
    stream      text        NOT NULL,
    cycle_id    text        NOT NULL,
    state       text        NOT NULL,
    events      integer     NOT NULL,
    head_sha256 char(64)    NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (repository, stream, cycle_id)
);

-- The transactional outbox: a row per event to publish, written in the event's transaction and
-- deleted by the relay once the broker acknowledged it.
CREATE TABLE planning_outbox (
    id          bigserial   PRIMARY KEY,
    repository  text        NOT NULL,
    stream      text        NOT NULL,
    cycle_id    text        NOT NULL,
    seq         integer     NOT NULL,
    event_id    text        NOT NULL,
    message     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
