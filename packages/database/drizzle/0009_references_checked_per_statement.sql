ALTER TABLE "invitation" DROP CONSTRAINT "invitation_organization_id_organization_id_fk";
--> statement-breakpoint
ALTER TABLE "invitation" DROP CONSTRAINT "invitation_inviter_id_user_id_fk";
--> statement-breakpoint
ALTER TABLE "organization_activity" DROP CONSTRAINT "organization_activity_organization_id_organization_id_fk";
--> statement-breakpoint
ALTER TABLE "organization_activity" DROP CONSTRAINT "organization_activity_actor_id_user_id_fk";
--> statement-breakpoint
-- Invitations and activity entries are the rows a bulk import writes by the thousand, and the four
-- foreign keys dropped above were checked by PostgreSQL one row at a time: four lookups for every
-- imported row, about a fifth of an import's time in the database. The triggers below keep what
-- the keys guaranteed, checking each statement's rows at once:
-- - an insert naming an organization or a person that does not exist, or an update changing a
--   reference to one, fails with a foreign key violation (SQLSTATE 23503, the same constraint
--   names), and locks the rows it names (FOR KEY SHARE, as the keys did), so a concurrent
--   deletion waits for it to commit;
-- - deleting organizations deletes their invitations and activity (the keys' ON DELETE CASCADE);
--   deleting accounts clears them as inviter and actor (ON DELETE SET NULL);
-- - those deletions run at READ COMMITTED only: the trigger that cascades must see the rows a
--   transaction it waited for has just committed, which a REPEATABLE READ or SERIALIZABLE
--   snapshot would not (a foreign key detects them; these triggers refuse instead).

-- Locks the rows of `referenced` ('organization' or 'user') whose ids are among `ids` (FOR KEY
-- SHARE, as a foreign key's check does) and fails like a foreign key when one is missing. Nulls
-- are ignored, as a foreign key ignores them.
CREATE OR REPLACE FUNCTION lock_referenced_rows(
  referenced text, ids text[], referencing text, referencing_column text, constraint_name text
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  wanted text[] := ARRAY(SELECT DISTINCT id FROM unnest(ids) AS given(id) WHERE id IS NOT NULL);
  locked integer;
  missing text;
BEGIN
  IF cardinality(wanted) = 0 THEN
    RETURN;
  END IF;
  IF referenced = 'organization' THEN
    SELECT count(*) INTO locked
    FROM (SELECT FROM organization r WHERE r.id = ANY (wanted) FOR KEY SHARE OF r) AS rows;
  ELSIF referenced = 'user' THEN
    SELECT count(*) INTO locked
    FROM (SELECT FROM "user" r WHERE r.id = ANY (wanted) FOR KEY SHARE OF r) AS rows;
  ELSE
    RAISE EXCEPTION 'lock_referenced_rows: unknown table %', referenced;
  END IF;
  IF locked = cardinality(wanted) THEN
    RETURN;
  END IF;
  IF referenced = 'organization' THEN
    SELECT w.id INTO missing FROM unnest(wanted) AS w(id)
    WHERE NOT EXISTS (SELECT FROM organization r WHERE r.id = w.id) LIMIT 1;
  ELSE -- 'user'
    SELECT w.id INTO missing FROM unnest(wanted) AS w(id)
    WHERE NOT EXISTS (SELECT FROM "user" r WHERE r.id = w.id) LIMIT 1;
  END IF;
  RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"',
    referencing, constraint_name
    USING ERRCODE = 'foreign_key_violation', CONSTRAINT = constraint_name, TABLE = referencing,
      DETAIL = format('Key (%s)=(%s) is not present in table "%s".',
        referencing_column, missing, referenced);
END;
$$;
--> statement-breakpoint
-- Statement triggers read the transition table `new_rows`; row triggers (updates) read NEW.
CREATE OR REPLACE FUNCTION invitation_references_exist() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    PERFORM lock_referenced_rows('organization', ARRAY[NEW.organization_id], 'invitation',
      'organization_id', 'invitation_organization_id_organization_id_fk');
    PERFORM lock_referenced_rows('user', ARRAY[NEW.inviter_id], 'invitation',
      'inviter_id', 'invitation_inviter_id_user_id_fk');
  ELSE
    PERFORM lock_referenced_rows('organization', ARRAY(SELECT organization_id FROM new_rows),
      'invitation', 'organization_id', 'invitation_organization_id_organization_id_fk');
    PERFORM lock_referenced_rows('user', ARRAY(SELECT inviter_id FROM new_rows),
      'invitation', 'inviter_id', 'invitation_inviter_id_user_id_fk');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION organization_activity_references_exist() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    PERFORM lock_referenced_rows('organization', ARRAY[NEW.organization_id],
      'organization_activity', 'organization_id',
      'organization_activity_organization_id_organization_id_fk');
    PERFORM lock_referenced_rows('user', ARRAY[NEW.actor_id], 'organization_activity',
      'actor_id', 'organization_activity_actor_id_user_id_fk');
  ELSE
    PERFORM lock_referenced_rows('organization', ARRAY(SELECT organization_id FROM new_rows),
      'organization_activity', 'organization_id',
      'organization_activity_organization_id_organization_id_fk');
    PERFORM lock_referenced_rows('user', ARRAY(SELECT actor_id FROM new_rows),
      'organization_activity', 'actor_id', 'organization_activity_actor_id_user_id_fk');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invitation_references
  AFTER INSERT ON invitation
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION invitation_references_exist();
--> statement-breakpoint
CREATE TRIGGER invitation_references_changed
  AFTER UPDATE OF organization_id, inviter_id ON invitation
  FOR EACH ROW
  WHEN (NEW.organization_id IS DISTINCT FROM OLD.organization_id
    OR (NEW.inviter_id IS DISTINCT FROM OLD.inviter_id AND NEW.inviter_id IS NOT NULL))
  EXECUTE FUNCTION invitation_references_exist();
--> statement-breakpoint
CREATE TRIGGER organization_activity_references
  AFTER INSERT ON organization_activity
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organization_activity_references_exist();
--> statement-breakpoint
CREATE TRIGGER organization_activity_references_changed
  AFTER UPDATE OF organization_id, actor_id ON organization_activity
  FOR EACH ROW
  WHEN (NEW.organization_id IS DISTINCT FROM OLD.organization_id
    OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL))
  EXECUTE FUNCTION organization_activity_references_exist();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refuse_unless_read_committed(what text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION '% in a READ COMMITTED transaction', what
      USING ERRCODE = 'feature_not_supported',
        HINT = 'Their invitations and activity are updated by a trigger that must see rows committed after this transaction began.';
  END IF;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION organization_deleted_cascade() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM deleted_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM refuse_unless_read_committed('Delete organizations');
  DELETE FROM invitation WHERE organization_id IN (SELECT id FROM deleted_rows);
  DELETE FROM organization_activity WHERE organization_id IN (SELECT id FROM deleted_rows);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organization_deleted_cascade
  AFTER DELETE ON organization
  REFERENCING OLD TABLE AS deleted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organization_deleted_cascade();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION user_deleted_set_null() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM deleted_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM refuse_unless_read_committed('Delete accounts');
  UPDATE invitation SET inviter_id = NULL WHERE inviter_id IN (SELECT id FROM deleted_rows);
  UPDATE organization_activity SET actor_id = NULL WHERE actor_id IN (SELECT id FROM deleted_rows);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER user_deleted_set_null
  AFTER DELETE ON "user"
  REFERENCING OLD TABLE AS deleted_rows
  FOR EACH STATEMENT EXECUTE FUNCTION user_deleted_set_null();
