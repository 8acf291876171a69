import { organizationActivity, user, type Executor } from '@kit/database';
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from './actor';
import { requireAuthorized } from './access';
import { isCursorId, isRealTimestamp } from './cursor-parts';
import { fail } from './errors';
import type { ActivityAction, ActivityPage } from './contracts';
import { newId } from './ids';

export type { ActivityAction, ActivityPage };

export interface ActivityInput {
  organizationId: string;
  actorId: string | null;
  /** For a change made with an API key (see `activityActor`). */
  actorType?: 'user' | 'api_key';
  apiKeyId?: string | null;
  apiKeyName?: string | null;
  action: ActivityAction;
  targetType:
    | 'organization'
    | 'invitation'
    | 'member'
    | 'invite_link'
    | 'join_request'
    | 'domain'
    | 'api_key';
  targetId?: string;
  targetLabel?: string;
  data?: Record<string, unknown>;
}

/**
 * Who an activity entry names: the person, or, for a call made with an API key, the key (by id
 * and its name at the time) with its creator as `actorId`.
 */
export function activityActor(
  actor: Actor,
): Pick<ActivityInput, 'actorId' | 'actorType' | 'apiKeyId' | 'apiKeyName'> {
  return actor.apiKey
    ? {
        actorId: actor.userId,
        actorType: 'api_key',
        apiKeyId: actor.apiKey.id,
        apiKeyName: actor.apiKey.name,
      }
    : { actorId: actor.userId };
}

/** Recorded in the same transaction as the change it describes. */
export async function recordActivity(exec: Executor, input: ActivityInput): Promise<void> {
  // A JS timestamp (millisecond precision) so that pagination cursors round-trip exactly.
  await exec
    .insert(organizationActivity)
    .values({ id: newId(), ...input, data: input.data ?? {}, createdAt: new Date() });
}

const encodeCursor = (createdAt: Date, id: string) =>
  Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso = '', id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  // Exactly what encodeCursor writes: an ISO time that round-trips, and one of our ids.
  const createdAt = new Date(iso);
  const exact = isRealTimestamp(iso) && !Number.isNaN(createdAt.getTime());
  if (!exact || !isCursorId(id) || createdAt.toISOString() !== iso)
    return fail('VALIDATION_ERROR', 'Invalid cursor.');
  return { createdAt, id };
}

/** The account a member or invitation entry is about, found by its email, for the person's name. */
const targetUser = alias(user, 'target_user');

/** Newest first, keyset-paginated; owners and admins only. */
export async function listActivity({
  exec,
  actor,
  organizationId,
  limit = 50,
  cursor,
}: {
  exec: Executor;
  actor: Actor;
  organizationId: string;
  limit?: number;
  cursor?: string;
}): Promise<ActivityPage> {
  await requireAuthorized(exec, organizationId, actor, { activity: ['read'] });
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await exec
    .select({
      activity: organizationActivity,
      actor: { id: user.id, name: user.name, email: user.email },
      targetName: targetUser.name,
    })
    .from(organizationActivity)
    .leftJoin(user, eq(user.id, organizationActivity.actorId))
    .leftJoin(
      targetUser,
      and(
        inArray(organizationActivity.targetType, ['member', 'invitation']),
        eq(targetUser.email, organizationActivity.targetLabel),
      ),
    )
    .where(
      and(
        eq(organizationActivity.organizationId, organizationId),
        after
          ? or(
              lt(organizationActivity.createdAt, after.createdAt),
              and(
                eq(organizationActivity.createdAt, after.createdAt),
                lt(organizationActivity.id, after.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(organizationActivity.createdAt), desc(organizationActivity.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ activity, actor: who, targetName }) => ({
      id: activity.id,
      action: activity.action as ActivityAction,
      actor: who?.id ? { id: who.id, name: who.name, email: who.email } : null,
      apiKey:
        activity.actorType === 'api_key' && activity.apiKeyId
          ? { id: activity.apiKeyId, name: activity.apiKeyName ?? '' }
          : null,
      targetType: activity.targetType,
      targetId: activity.targetId,
      targetLabel: activity.targetLabel,
      targetName: targetName || null,
      data: activity.data,
      createdAt: activity.createdAt.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor(last.activity.createdAt, last.activity.id) : null,
  };
}
