-- A row the relay cannot publish (its event row missing, its line not matching the SHA-256 stored
-- with it, a record the broker refuses for good) is quarantined with the reason, never published.
-- It holds back only its own cycle's later rows (order per cycle is kept); other cycles drain.
ALTER TABLE planning_outbox ADD COLUMN quarantined_at timestamptz;
ALTER TABLE planning_outbox ADD COLUMN quarantine_reason text;

-- The relay asks, for each waiting row, whether an earlier row of its cycle is quarantined.
CREATE INDEX planning_outbox_quarantined ON planning_outbox (repository, stream, cycle_id, id)
    WHERE quarantined_at IS NOT NULL;
