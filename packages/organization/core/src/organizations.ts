import { db, isUniqueViolation, member, organization, session, type Executor } from '@kit/database';
import { and, asc, eq, sql } from 'drizzle-orm';
import { cancelOrganizationEmails } from '@kit/email';
import { z } from 'zod';
import type { Actor } from './actor';
import { requireAuthorized, requireMembership, requireSessionActor } from './access';
import { activityActor, recordActivity } from './activity';
import type { OrganizationView } from './contracts';
import { fail } from './errors';
import { currentRoles } from './roles';

export type { OrganizationView };
import { newId } from './ids';
import { logoSchema, organizationNameSchema, parseInput, slugify, slugSchema } from './validation';
import { randomBytes } from 'node:crypto';

const createInput = z.object({ name: organizationNameSchema, slug: slugSchema.optional() });
const updateInput = z
  .object({
    name: organizationNameSchema.optional(),
    slug: slugSchema.optional(),
    logo: logoSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to update.');

const toView = (
  org: { id: string; name: string; slug: string; logo: string | null; createdAt: Date },
  role: string,
): OrganizationView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  logo: org.logo,
  createdAt: org.createdAt.toISOString(),
  role: currentRoles().asRole(role),
});

/** Creates the organization with the actor as its owner and makes it their active one. */
export async function createOrganization({
  actor,
  input,
}: {
  actor: Actor;
  input: unknown;
}): Promise<OrganizationView> {
  const data = parseInput(createInput, input);
  const { owner } = currentRoles();
  const explicitSlug = data.slug !== undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug =
      explicitSlug || attempt === 0
        ? (data.slug ?? slugify(data.name))
        : `${slugify(data.name).slice(0, 40)}-${randomBytes(2).toString('hex')}`;
    try {
      return await db.transaction(async (tx) => {
        const id = newId();
        const [org] = await tx
          .insert(organization)
          .values({ id, name: data.name, slug })
          .returning();
        await tx
          .insert(member)
          .values({ id: newId(), organizationId: id, userId: actor.userId, role: owner });
        await recordActivity(tx, {
          organizationId: id,
          ...activityActor(actor),
          action: 'organization.created',
          targetType: 'organization',
          targetId: id,
          targetLabel: data.name,
        });
        if (actor.sessionId) {
          await tx
            .update(session)
            .set({ activeOrganizationId: id })
            .where(eq(session.id, actor.sessionId));
        }
        return toView(org!, owner);
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'organization_slug_unique')) throw error;
      if (explicitSlug)
        fail('SLUG_TAKEN', `The slug "${slug}" is already taken.`, {
          remediation: 'Choose another slug.',
        });
    }
  }
  return fail('SLUG_TAKEN');
}

/** The actor's organizations with their role in each, oldest membership first. */
export async function listOrganizations({
  actor,
  exec = db,
}: {
  actor: Actor;
  exec?: Executor;
}): Promise<OrganizationView[]> {
  const rows = await exec
    .select({ org: organization, role: member.role })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(eq(member.userId, actor.userId))
    .orderBy(asc(member.createdAt));
  return rows.map((r) => toView(r.org, r.role));
}

export async function getOrganization({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}) {
  const membership = await requireMembership(db, organizationId, actor);
  const [counts] = await db
    .select({ members: sql<number>`count(*)::int` })
    .from(member)
    .where(eq(member.organizationId, organizationId));
  return { ...toView(membership.organization, membership.role), memberCount: counts?.members ?? 0 };
}

export async function updateOrganization({
  actor,
  organizationId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<OrganizationView> {
  const data = parseInput(updateInput, input);
  const membership = await requireAuthorized(db, organizationId, actor, {
    organization: ['update'],
  });
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx
        .update(organization)
        .set(data)
        .where(eq(organization.id, organizationId))
        .returning();
      await recordActivity(tx, {
        organizationId,
        ...activityActor(actor),
        action: 'organization.updated',
        targetType: 'organization',
        targetId: organizationId,
        targetLabel: org!.name,
        data: { changes: data },
      });
      return toView(org!, membership.role);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organization_slug_unique')) {
      return fail('SLUG_TAKEN', `The slug "${data.slug}" is already taken.`, {
        remediation: 'Choose another slug.',
      });
    }
    throw error;
  }
}

/**
 * Owners only. Members go with it (their foreign key cascades), and so do invitations and
 * activity (the trigger that checks their references; see `invitation` in @kit/database).
 */
export async function deleteOrganization({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<void> {
  requireSessionActor(actor, 'delete the organization');
  await requireAuthorized(db, organizationId, actor, { organization: ['delete'] });
  await db.transaction(async (tx) => {
    await tx
      .update(session)
      .set({ activeOrganizationId: null })
      .where(eq(session.activeOrganizationId, organizationId));
    await tx.delete(organization).where(eq(organization.id, organizationId));
    await cancelOrganizationEmails(tx, organizationId);
  });
}

/** Sets (or clears, with null) the organization the actor's session works in. */
export async function setActiveOrganization({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string | null;
}): Promise<OrganizationView | null> {
  if (!actor.sessionId) return fail('UNAUTHORIZED');
  const membership = organizationId ? await requireMembership(db, organizationId, actor) : null;
  await db
    .update(session)
    .set({ activeOrganizationId: organizationId })
    .where(and(eq(session.id, actor.sessionId), eq(session.userId, actor.userId)));
  return membership ? toView(membership.organization, membership.role) : null;
}
