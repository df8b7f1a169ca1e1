-- planning_event_chain (repository, stream, cycle_id, prev_sha256) duplicated what the primary key
-- already guarantees: an append inserts line n + 1 only when line n's SHA-256 is the expected head,
-- so two lines chaining to one previous line would be two lines at one position, which the primary
-- key (repository, stream, cycle_id, seq) refuses; an import checks the chain before inserting and
-- every read verifies it. The index cost each append a 64-character-key insertion and an ON
-- CONFLICT check (about a fifth of the statement's server instructions, benchmark B6 one writer).
ALTER TABLE planning_event DROP CONSTRAINT planning_event_chain;
