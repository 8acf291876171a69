-- Webhook events, written in the same transaction as the change they describe. Every change the
-- kit makes to an organization records a row in organization_activity (whichever path made it:
-- REST, bulk import, CLI); this trigger turns those rows into one webhook_delivery row per
-- enabled endpoint subscribed to the event. The mapping from activity actions to event types,
-- and each event's data, are below; docs/webhooks.md describes them.
CREATE OR REPLACE FUNCTION webhook_events_from_activity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH mapped AS MATERIALIZED (
    SELECT a.*, m.event_type,
           'evt_' || replace(gen_random_uuid()::text, '-', '') AS event_id
    FROM new_activity a
    JOIN (VALUES
      ('invitation.created', 'invitation.created'),
      ('invitation.accepted', 'invitation.accepted'),
      ('invitation.accepted', 'member.added'),
      ('invitation.declined', 'invitation.declined'),
      ('invitation.canceled', 'invitation.canceled'),
      ('invitation.expired', 'invitation.expired'),
      ('member.added', 'member.added'),
      ('member.role_changed', 'member.role_changed'),
      ('member.removed', 'member.removed'),
      ('member.left', 'member.removed'),
      ('organization.updated', 'organization.updated'),
      ('ownership.transferred', 'organization.ownership_transferred')
    ) AS m(action, event_type) ON m.action = a.action
    WHERE EXISTS (
      SELECT 1 FROM webhook_endpoint e
      WHERE e.organization_id = a.organization_id AND e.status = 'enabled'
        AND m.event_type = ANY (e.events)
    )
  ),
  events AS MATERIALIZED (
    SELECT ev.organization_id, ev.event_id, ev.event_type,
      jsonb_build_object(
        'id', ev.event_id,
        'type', ev.event_type,
        'createdAt', to_char(ev.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'organizationId', ev.organization_id,
        'data', jsonb_build_object(
          'actor', CASE WHEN ev.actor_id IS NULL THEN NULL
                   ELSE jsonb_build_object('id', ev.actor_id, 'name', au.name, 'email', au.email) END
        ) || CASE
          WHEN ev.event_type LIKE 'invitation.%' THEN jsonb_build_object(
            'invitation', jsonb_build_object(
              'id', ev.target_id,
              'email', coalesce(i.email, ev.target_label),
              'role', coalesce(i.role, ev.data ->> 'role'),
              'status', i.status,
              'expiresAt', to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
            || CASE WHEN ev.event_type = 'invitation.accepted'
                 THEN jsonb_build_object('memberId', ev.data ->> 'memberId') ELSE '{}'::jsonb END
          WHEN ev.event_type = 'member.added' THEN jsonb_build_object(
            'member', jsonb_build_object(
              'id', coalesce(mb.id, ev.data ->> 'memberId', ev.target_id),
              'userId', mb.user_id,
              'name', mu.name,
              'email', coalesce(mu.email, ev.target_label),
              'role', coalesce(mb.role, ev.data ->> 'role')),
            'invitationId', CASE WHEN ev.action = 'invitation.accepted' THEN ev.target_id END)
          WHEN ev.event_type = 'member.role_changed' THEN jsonb_build_object(
            'member', jsonb_build_object(
              'id', ev.target_id,
              'userId', mb.user_id,
              'name', mu.name,
              'email', ev.target_label,
              'role', ev.data ->> 'to'),
            'previousRole', ev.data ->> 'from')
          WHEN ev.event_type = 'member.removed' THEN jsonb_build_object(
            'member', jsonb_build_object(
              'id', ev.target_id,
              'email', ev.target_label,
              'role', ev.data ->> 'role'),
            'reason', CASE WHEN ev.action = 'member.left' THEN 'left' ELSE 'removed' END)
          WHEN ev.event_type = 'organization.updated' THEN jsonb_build_object(
            'organization', jsonb_build_object('id', o.id, 'name', o.name, 'slug', o.slug),
            'changes', coalesce(ev.data -> 'changes', '{}'::jsonb))
          WHEN ev.event_type = 'organization.ownership_transferred' THEN jsonb_build_object(
            'newOwner', jsonb_build_object(
              'memberId', ev.target_id, 'userId', mb.user_id, 'email', ev.target_label),
            'previousOwner', jsonb_build_object('email', ev.data ->> 'from'))
          ELSE '{}'::jsonb
        END
      ) AS payload
    FROM mapped ev
    LEFT JOIN "user" au ON au.id = ev.actor_id
    LEFT JOIN invitation i ON ev.target_type = 'invitation' AND i.id = ev.target_id
    LEFT JOIN member mb ON mb.id = CASE
      WHEN ev.action = 'invitation.accepted' THEN ev.data ->> 'memberId'
      WHEN ev.target_type = 'member' THEN ev.target_id END
    LEFT JOIN "user" mu ON mu.id = mb.user_id
    LEFT JOIN organization o ON o.id = ev.organization_id
  )
  INSERT INTO webhook_delivery (id, endpoint_id, organization_id, event_id, event_type, payload)
  SELECT gen_random_uuid()::text, e.id, events.organization_id, events.event_id, events.event_type,
         events.payload
  FROM events
  JOIN webhook_endpoint e ON e.organization_id = events.organization_id
    AND e.status = 'enabled' AND events.event_type = ANY (e.events);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organization_activity_webhooks
  AFTER INSERT ON organization_activity
  REFERENCING NEW TABLE AS new_activity
  FOR EACH STATEMENT EXECUTE FUNCTION webhook_events_from_activity();
--> statement-breakpoint
-- The expiry sweep asks "was this invitation's expiry already announced?"
CREATE INDEX IF NOT EXISTS organization_activity_expired_target_idx
  ON organization_activity (target_id) WHERE action = 'invitation.expired';
