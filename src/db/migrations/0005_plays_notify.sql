-- Wakes the play engine's change consumers (LISTEN playmaker_changes) when outbox rows commit: one notification per statement, de-duplicated per transaction by PostgreSQL.
CREATE OR REPLACE FUNCTION playmaker_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('playmaker_changes', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER change_events_notify AFTER INSERT ON change_events FOR EACH STATEMENT EXECUTE FUNCTION playmaker_notify_change();
