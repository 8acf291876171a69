import { randomBytes, timingSafeEqual } from 'node:crypto';
import { singleLineText } from '@kit/auth/input-rules';
import { db, member, organizationApiKey, user } from '@kit/database';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor';
import { requireAuthorized, requireSessionActor } from './access';
import { activityActor, recordActivity } from './activity';
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyView } from './contracts';
import { fail } from './errors';
import { hashToken, newId } from './ids';
import { currentRoles } from './roles';
import { parseInput } from './validation';

export { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyView };

/** Every key starts with this, so that it is recognisable (and findable by secret scanners). */
export const API_KEY_PREFIX = 'kit_';
/** How many characters of the secret lists show. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** `kit_` and 256 random bits, base64url. */
const SECRET_SHAPE = /^kit_[A-Za-z0-9_-]{43}$/;
export const API_KEY_MAX_DAYS = 365;
/** `last_used_at` is written at most this often per key, so busy keys cost no write per call. */
const LAST_USED_PRECISION_MS = 60_000;
const MANAGE = { apiKey: ['manage'] } as const;

export const createApiKeyInput = () =>
  z.strictObject({
    name: singleLineText({ label: 'Name', min: 1, max: 80 }),
    scopes: z
      .array(
        z.enum(API_KEY_SCOPES, { error: `Scopes must be among ${API_KEY_SCOPES.join(', ')}.` }),
      )
      .min(1, 'Choose at least one scope.')
      .max(API_KEY_SCOPES.length * 2)
      .transform((scopes) => API_KEY_SCOPES.filter((s) => scopes.includes(s))),
    expiresInDays: z
      .number({ error: 'expiresInDays must be a whole number of days.' })
      .int('expiresInDays must be a whole number of days.')
      .min(1, 'expiresInDays must be at least 1.')
      .max(API_KEY_MAX_DAYS, `expiresInDays must be at most ${API_KEY_MAX_DAYS}.`)
      .nullable()
      .optional(),
  });

const keyColumns = {
  key: organizationApiKey,
  creator: { id: user.id, name: user.name, email: user.email },
};

type KeyRow = {
  key: typeof organizationApiKey.$inferSelect;
  creator: { id: string; name: string; email: string } | null;
};

const knownScopes = (scopes: readonly string[]): ApiKeyScope[] =>
  API_KEY_SCOPES.filter((scope) => scopes.includes(scope));

const toView = ({ key, creator }: KeyRow): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: knownScopes(key.scopes),
  expiresAt: key.expiresAt?.toISOString() ?? null,
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  createdAt: key.createdAt.toISOString(),
  createdBy: creator?.id ? creator : null,
});

/**
 * A new key for the organization; owners and admins, in a session. The secret is in the answer
 * and nowhere else: only its SHA-256 hash is stored.
 */
export async function createApiKey({
  actor,
  organizationId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<{ apiKey: ApiKeyView; secret: string }> {
  requireSessionActor(actor, 'manage API keys');
  const data = parseInput(createApiKeyInput(), input);
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const now = new Date();
  const key = await db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(organizationApiKey)
      .values({
        id: newId(),
        organizationId,
        name: data.name,
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        secretHash: hashToken(secret),
        scopes: data.scopes,
        createdBy: actor.userId,
        expiresAt: data.expiresInDays
          ? new Date(now.getTime() + data.expiresInDays * 86_400_000)
          : null,
        createdAt: now,
      })
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: stored!.id,
      targetLabel: stored!.name,
      data: { scopes: data.scopes, expiresAt: stored!.expiresAt?.toISOString() ?? null },
    });
    return stored!;
  });
  return {
    apiKey: toView({ key, creator: { id: actor.userId, name: actor.name, email: actor.email } }),
    secret,
  };
}

/** The organization's keys that are not revoked (expired ones too), newest first. */
export async function listApiKeys({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<ApiKeyView[]> {
  requireSessionActor(actor, 'manage API keys');
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const rows = await db
    .select(keyColumns)
    .from(organizationApiKey)
    .leftJoin(user, eq(user.id, organizationApiKey.createdBy))
    .where(
      and(
        eq(organizationApiKey.organizationId, organizationId),
        isNull(organizationApiKey.revokedAt),
      ),
    )
    .orderBy(desc(organizationApiKey.createdAt), desc(organizationApiKey.id));
  return rows.map(toView);
}

/** Revokes a key: the next request made with it answers 401 INVALID_API_KEY. */
export async function revokeApiKey({
  actor,
  organizationId,
  keyId,
}: {
  actor: Actor;
  organizationId: string;
  keyId: string;
}): Promise<void> {
  requireSessionActor(actor, 'manage API keys');
  await requireAuthorized(db, organizationId, actor, MANAGE);
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(organizationApiKey)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(organizationApiKey.id, keyId),
          eq(organizationApiKey.organizationId, organizationId),
          isNull(organizationApiKey.revokedAt),
        ),
      )
      .returning();
    if (!revoked) return fail('API_KEY_NOT_FOUND');
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: revoked.id,
      targetLabel: revoked.name,
    });
  });
}

/**
 * The actor a request made with `secret` acts as: the key's creator, carrying the key. Refused
 * with INVALID_API_KEY when the key is unknown, revoked or expired, or when its creator no longer
 * may manage keys in its organization (left, removed, demoted, account deleted). Keys are found
 * by the hash of the secret; nothing compares the secret itself.
 */
export async function authenticateApiKey(secret: string): Promise<Actor> {
  if (!SECRET_SHAPE.test(secret)) return fail('INVALID_API_KEY');
  const hash = hashToken(secret);
  const [row] = await db
    .select({
      key: organizationApiKey,
      creator: { id: user.id, name: user.name, email: user.email },
      role: member.role,
    })
    .from(organizationApiKey)
    .innerJoin(user, eq(user.id, organizationApiKey.createdBy))
    .leftJoin(
      member,
      and(
        eq(member.organizationId, organizationApiKey.organizationId),
        eq(member.userId, organizationApiKey.createdBy),
      ),
    )
    .where(eq(organizationApiKey.secretHash, hash))
    .limit(1);
  const now = new Date();
  if (
    !row ||
    !timingSafeEqual(Buffer.from(row.key.secretHash), Buffer.from(hash)) ||
    row.key.revokedAt ||
    (row.key.expiresAt && row.key.expiresAt <= now) ||
    !row.role ||
    !currentRoles().can(currentRoles().asRole(row.role), MANAGE)
  )
    return fail('INVALID_API_KEY');
  const { key } = row;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await db
      .update(organizationApiKey)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(organizationApiKey.id, key.id),
          or(
            isNull(organizationApiKey.lastUsedAt),
            lt(organizationApiKey.lastUsedAt, new Date(now.getTime() - LAST_USED_PRECISION_MS + 1)),
          ),
        ),
      );
  }
  return {
    userId: row.creator.id,
    name: row.creator.name,
    email: row.creator.email,
    apiKey: {
      id: key.id,
      name: key.name,
      organizationId: key.organizationId,
      scopes: knownScopes(key.scopes),
    },
  };
}
