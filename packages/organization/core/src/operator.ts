import { db, invitation, isUniqueViolation, member, organization, user } from '@kit/database';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Actor } from './actor';
import { recordActivity } from './activity';
import { newInvitationExpiry } from './config';
import { fail } from './errors';
import { newId, newInvitationToken } from './ids';
import { currentRoles } from './roles';
import { invitationUrl, queueInvitationEmail } from './invitations/email';
import { policyDatabase } from './invitations/policy-context';
import { organizationRuntime } from './runtime';
import { assertSeatsForInvitations, setOrganizationPlan } from './seats';
import { emailSchema, organizationNameSchema, parseInput, slugify, slugSchema } from './validation';
import { z } from 'zod';

/**
 * Operator entry points (the CLI, scripts): no signed-in user, but the same services,
 * policies and seat limits underneath.
 */

export async function findOrganization(slugOrId: string) {
  const [row] = await db
    .select()
    .from(organization)
    .where(or(eq(organization.slug, slugOrId.toLowerCase()), eq(organization.id, slugOrId)))
    .limit(1);
  if (!row) return fail('ORGANIZATION_NOT_FOUND', `No organization with slug or id "${slugOrId}".`);
  return row;
}

/** Acts as `email` if given (must be a member), else as the organization's first owner. */
export async function actorForOrganization(organizationId: string, email?: string): Promise<Actor> {
  const [row] = await db
    .select({ userId: user.id, name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(
        eq(member.organizationId, organizationId),
        email ? eq(user.email, email.toLowerCase()) : eq(member.role, currentRoles().owner),
      ),
    )
    .orderBy(asc(member.createdAt))
    .limit(1);
  if (!row) {
    return fail(
      'MEMBER_NOT_FOUND',
      email
        ? `${email} is not a member of this organization.`
        : 'The organization has no owner yet: accept the owner invitation first.',
    );
  }
  return row;
}

const bootstrapInput = z.object({
  name: organizationNameSchema,
  slug: slugSchema.optional(),
  ownerEmail: emailSchema,
});

/**
 * Creates an organization with no members and invites its first owner: the way to start when
 * sign-up is invite-only. Returns the invitation link to hand over.
 */
export async function createOrganizationWithOwnerInvitation(input: {
  name: string;
  slug?: string;
  ownerEmail: string;
  /** Put the organization on a plan first, so policies and seat checks see it. */
  plan?: { plan: string; seats?: number };
}) {
  const data = parseInput(bootstrapInput, input);
  const { owner } = currentRoles();
  const slug = data.slug ?? slugify(data.name);
  const id = newId();
  const { token, tokenHash } = newInvitationToken();
  try {
    const row = await db.transaction(async (tx) => {
      await tx.insert(organization).values({ id, name: data.name, slug });
      await recordActivity(tx, {
        organizationId: id,
        actorId: null,
        action: 'organization.created',
        targetType: 'organization',
        targetId: id,
        targetLabel: data.name,
        data: { source: 'cli' },
      });
      // Inside this transaction: a policy such as "an active subscription is required" sees it.
      if (input.plan) await setOrganizationPlan({ organizationId: id, ...input.plan });
      await organizationRuntime().registries.invitationCreate.enforce({
        organizationId: id,
        organization: { id, name: data.name, slug },
        inviter: { userId: '', name: 'Operator', email: '', role: owner },
        email: data.ownerEmail,
        role: owner,
        metadata: {},
        source: 'cli',
        db: policyDatabase(tx),
      });
      await assertSeatsForInvitations(tx, id, 1);
      const [created] = await tx
        .insert(invitation)
        .values({
          id: newId(),
          organizationId: id,
          email: data.ownerEmail,
          role: owner,
          status: 'pending',
          inviterId: null,
          tokenHash,
          expiresAt: newInvitationExpiry(),
        })
        .returning();
      await recordActivity(tx, {
        organizationId: id,
        actorId: null,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: created!.id,
        targetLabel: data.ownerEmail,
        data: { role: owner, source: 'cli' },
      });
      await queueInvitationEmail(tx, {
        invitationId: created!.id,
        organizationId: created!.organizationId,
        token,
        email: data.ownerEmail,
        role: owner,
        expiresAt: created!.expiresAt,
        organizationName: data.name,
        inviter: null,
      });
      return created!;
    });
    return {
      organization: { id, name: data.name, slug },
      invitation: { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt },
      url: invitationUrl(token),
    };
  } catch (error) {
    if (isUniqueViolation(error, 'organization_slug_unique')) {
      return fail('SLUG_TAKEN', `The slug "${slug}" is already taken.`, {
        remediation: 'Pass another --slug.',
      });
    }
    throw error;
  }
}
