-- An append is one statement (see PostgresEventStore): the outbox row names its event, and the
-- relay builds the message from the event row when it publishes. Rows queued by version 1 keep
-- their message.
ALTER TABLE planning_outbox ALTER COLUMN message DROP NOT NULL;

-- The relay wakes on NOTIFY planning_outbox: sent by the database for every statement that queues
-- rows, delivered when that statement's transaction commits.
CREATE FUNCTION planning_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('planning_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER planning_outbox_notify AFTER INSERT ON planning_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION planning_outbox_notify();
