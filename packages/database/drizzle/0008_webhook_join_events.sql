-- Webhook events for the join flows: invite links, join requests and verified-domain joins. Each
-- records its own activity action (invite_link.used, join_request.*, domain.*); this replaces the
-- trigger function of 0006 so that those actions reach webhooks too:
--   invite_link.used      -> member.added (data.source 'invite-link')
--   join_request.approved -> join_request.approved, member.added (data.source 'join-request')
--   domain.member_joined  -> member.added (data.source 'domain')
--   invitation.accepted   -> invitation.accepted, member.added (data.source 'invitation')
--   join_request.created / rejected / withdrawn, domain.verified / removed -> the same type.
-- A change made with an organization API key names the key in data.apiKey (null otherwise).
-- docs/webhooks.md describes each event's data. The trigger itself (0006) is unchanged.
CREATE OR REPLACE FUNCTION webhook_events_from_activity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  WITH mapped AS MATERIALIZED (
    SELECT a.*, m.event_type, m.position,
           'evt_' || replace(gen_random_uuid()::text, '-', '') AS event_id
    FROM new_activity a
    JOIN (VALUES
      ('invitation.created', 'invitation.created', 1),
      ('invitation.accepted', 'invitation.accepted', 1),
      ('invitation.accepted', 'member.added', 2),
      ('invitation.declined', 'invitation.declined', 1),
      ('invitation.canceled', 'invitation.canceled', 1),
      ('invitation.expired', 'invitation.expired', 1),
      ('member.added', 'member.added', 1),
      ('member.role_changed', 'member.role_changed', 1),
      ('member.removed', 'member.removed', 1),
      ('member.left', 'member.removed', 1),
      ('organization.updated', 'organization.updated', 1),
      ('ownership.transferred', 'organization.ownership_transferred', 1),
      ('invite_link.used', 'member.added', 1),
      ('join_request.created', 'join_request.created', 1),
      ('join_request.approved', 'join_request.approved', 1),
      ('join_request.approved', 'member.added', 2),
      ('join_request.rejected', 'join_request.rejected', 1),
      ('join_request.withdrawn', 'join_request.withdrawn', 1),
      ('domain.member_joined', 'member.added', 1),
      ('domain.verified', 'domain.verified', 1),
      ('domain.removed', 'domain.removed', 1)
    ) AS m(action, event_type, position) ON m.action = a.action
    WHERE EXISTS (
      SELECT 1 FROM webhook_endpoint e
      WHERE e.organization_id = a.organization_id AND e.status = 'enabled'
        AND m.event_type = ANY (e.events)
    )
  ),
  events AS MATERIALIZED (
    SELECT ev.organization_id, ev.event_id, ev.event_type, ev.created_at, ev.id, ev.position,
      jsonb_build_object(
        'id', ev.event_id,
        'type', ev.event_type,
        'createdAt', to_char(ev.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'organizationId', ev.organization_id,
        'data', jsonb_build_object(
          'actor', CASE WHEN ev.actor_id IS NULL THEN NULL
                   ELSE jsonb_build_object('id', ev.actor_id, 'name', au.name, 'email', au.email) END,
          'apiKey', CASE WHEN ev.actor_type = 'api_key'
                    THEN jsonb_build_object('id', ev.api_key_id, 'name', ev.api_key_name) END
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
            || CASE ev.action
                 WHEN 'invitation.accepted' THEN jsonb_build_object('source', 'invitation')
                 WHEN 'invite_link.used' THEN jsonb_build_object(
                   'source', 'invite-link', 'inviteLinkId', ev.target_id)
                 WHEN 'join_request.approved' THEN jsonb_build_object(
                   'source', 'join-request', 'joinRequestId', ev.target_id,
                   'inviteLinkId', jr.invite_link_id, 'domainId', jr.domain_id)
                 WHEN 'domain.member_joined' THEN jsonb_build_object(
                   'source', 'domain', 'domainId', ev.target_id, 'domain', ev.data ->> 'domain')
                 ELSE '{}'::jsonb END
          WHEN ev.event_type LIKE 'join_request.%' THEN jsonb_build_object(
            'joinRequest', jsonb_build_object(
              'id', ev.target_id,
              'status', jr.status,
              'source', coalesce(jr.source, ev.data ->> 'source'),
              'userId', jr.user_id,
              'name', ru.name,
              'email', coalesce(ru.email, ev.target_label),
              'role', jr.role,
              'message', jr.message,
              'inviteLinkId', jr.invite_link_id,
              'domainId', jr.domain_id,
              'expiresAt', to_char(jr.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
            || CASE ev.event_type
                 WHEN 'join_request.approved' THEN jsonb_build_object(
                   'memberId', ev.data ->> 'memberId', 'role', ev.data ->> 'role')
                 WHEN 'join_request.rejected' THEN jsonb_build_object('reason', jr.reason)
                 ELSE '{}'::jsonb END
          WHEN ev.event_type LIKE 'domain.%' THEN jsonb_build_object(
            'domain', jsonb_build_object(
              'id', ev.target_id,
              'domain', coalesce(d.domain, ev.target_label),
              'enrollmentMode', d.enrollment_mode,
              'verifiedAt', to_char(d.verified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
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
    LEFT JOIN join_request jr ON ev.target_type = 'join_request' AND jr.id = ev.target_id
    LEFT JOIN "user" ru ON ru.id = jr.user_id
    LEFT JOIN organization_domain d ON ev.target_type = 'domain' AND d.id = ev.target_id
    -- The member an entry is about: its target, or the member a join created (data.memberId).
    LEFT JOIN member mb ON mb.id = CASE
      WHEN ev.target_type = 'member' THEN ev.target_id
      ELSE ev.data ->> 'memberId' END
    LEFT JOIN "user" mu ON mu.id = mb.user_id
    LEFT JOIN organization o ON o.id = ev.organization_id
  )
  INSERT INTO webhook_delivery (id, endpoint_id, organization_id, event_id, event_type, payload)
  SELECT gen_random_uuid()::text, e.id, events.organization_id, events.event_id, events.event_type,
         events.payload
  FROM events
  JOIN webhook_endpoint e ON e.organization_id = events.organization_id
    AND e.status = 'enabled' AND events.event_type = ANY (e.events)
  -- Rows in the order the changes happened (an approval before the member it added).
  ORDER BY events.created_at, events.id, events.position;
  RETURN NULL;
END;
$$;
