import { withLinkSignup, userNameSchema } from '@kit/auth';
import {
  db,
  inviteLink,
  inviteLinkSignup,
  member,
  organization,
  user,
  type Executor,
} from '@kit/database';
import { PolicyDeniedError } from '@kit/policies';
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor';
import { lockOrganization, requireAuthorized } from '../access';
import { activityActor, recordActivity } from '../activity';
import {
  type InviteLinkPreview,
  type InviteLinkStatus,
  type InviteLinkView,
  type JoinRequestView,
  type Role,
} from '../contracts';
import { fail, OrganizationError } from '../errors';
import { hashToken, newId, newInvitationToken } from '../ids';
import { policyDatabase } from '../invitations/policy-context';
import { currentRoles, roleNoun } from '../roles';
import { organizationRuntime } from '../runtime';
import { assertSeatsForInvitations } from '../seats';
import { emailSchema, parseInput, roleSchema } from '../validation';
import { domainOf, domainSchema, emailDomainAllowed } from './domains-match';
import {
  activate,
  findPendingRequest,
  insertJoinRequest,
  joinMessageSchema,
  rethrowDuplicateRequest,
} from './requests';

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVITE_LINK_MAX_DAYS = 30;

type LinkRow = typeof inviteLink.$inferSelect;
type OrgRow = { id: string; name: string; slug: string; logo: string | null };

export const createInviteLinkInput = () =>
  z.object({
    role: roleSchema().default(currentRoles().defaultRole),
    expiresInDays: z
      .number({ error: 'expiresInDays must be a whole number of days.' })
      .int('expiresInDays must be a whole number of days.')
      .min(1, 'A link lasts at least 1 day.')
      .max(INVITE_LINK_MAX_DAYS, `A link lasts at most ${INVITE_LINK_MAX_DAYS} days.`)
      .default(7),
    maxUses: z
      .number({ error: 'maxUses must be a whole number.' })
      .int('maxUses must be a whole number.')
      .min(1, 'maxUses must be at least 1.')
      .max(100_000, 'maxUses is at most 100000.')
      .nullable()
      .default(null),
    allowedDomains: z
      .array(domainSchema)
      .max(20, 'At most 20 domains.')
      .default([])
      .transform((domains) => [...new Set(domains)]),
    requiresApproval: z
      .boolean({ error: 'requiresApproval must be true or false.' })
      .default(false),
  });

export function inviteLinkStatus(row: LinkRow, now = new Date()): InviteLinkStatus {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (row.maxUses !== null && row.uses >= row.maxUses) return 'used_up';
  return 'active';
}

const goneCodes = {
  revoked: 'INVITE_LINK_REVOKED',
  expired: 'INVITE_LINK_EXPIRED',
  used_up: 'INVITE_LINK_USED_UP',
} as const;

/** Throws the link's dead state (410) unless it is active. */
function assertLinkUsable(row: LinkRow, org: OrgRow): void {
  const status = inviteLinkStatus(row);
  if (status === 'active') return;
  fail(goneCodes[status], undefined, {
    remediation: 'Ask an owner or admin of the organization for a new link.',
    details: { status, organizationName: org.name },
  });
}

function toView(
  row: LinkRow,
  creator: { id: string | null; name: string | null; email: string | null } | null,
): InviteLinkView {
  return {
    id: row.id,
    role: currentRoles().asRole(row.role),
    expiresAt: row.expiresAt.toISOString(),
    maxUses: row.maxUses,
    uses: row.uses,
    allowedDomains: row.allowedDomains,
    requiresApproval: row.requiresApproval,
    status: inviteLinkStatus(row),
    createdBy:
      creator?.id && creator.name !== null && creator.email !== null
        ? { id: creator.id, name: creator.name, email: creator.email }
        : null,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const inviteLinkUrl = (token: string) => `${organizationRuntime().appUrl}/join/${token}`;

/** Creates a link (owners and admins: whoever may invite), with a role they may grant. */
export async function createInviteLink({
  actor,
  organizationId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<{ link: InviteLinkView; url: string }> {
  const data = parseInput(createInviteLinkInput(), input);
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  if (!currentRoles().mayAssign(membership.role, data.role))
    fail('ROLE_NOT_ALLOWED', `You cannot create a link for ${roleNoun([data.role])}.`);
  const { token, tokenHash } = newInvitationToken();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(inviteLink)
      .values({
        id: newId(),
        organizationId,
        tokenHash,
        role: data.role,
        expiresAt: new Date(Date.now() + data.expiresInDays * DAY_MS),
        maxUses: data.maxUses,
        allowedDomains: data.allowedDomains,
        requiresApproval: data.requiresApproval,
        createdBy: actor.userId,
      })
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'invite_link.created',
      targetType: 'invite_link',
      targetId: inserted!.id,
      data: {
        role: data.role,
        maxUses: data.maxUses,
        allowedDomains: data.allowedDomains,
        requiresApproval: data.requiresApproval,
        expiresAt: inserted!.expiresAt.toISOString(),
      },
    });
    return inserted!;
  });
  return {
    link: toView(row, { id: actor.userId, name: actor.name, email: actor.email }),
    url: inviteLinkUrl(token),
  };
}

/** Every link of the organization, newest first; never a token. */
export async function listInviteLinks({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<InviteLinkView[]> {
  await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  const rows = await db
    .select({ link: inviteLink, creator: { id: user.id, name: user.name, email: user.email } })
    .from(inviteLink)
    .leftJoin(user, eq(user.id, inviteLink.createdBy))
    .where(eq(inviteLink.organizationId, organizationId))
    .orderBy(desc(inviteLink.createdAt))
    .limit(500);
  return rows.map((r) => toView(r.link, r.creator));
}

/** Turns a link off at once; revoking a revoked link changes nothing. */
export async function revokeInviteLink({
  actor,
  organizationId,
  linkId,
}: {
  actor: Actor;
  organizationId: string;
  linkId: string;
}): Promise<InviteLinkView> {
  await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const [row] = await tx
      .select({ link: inviteLink, creator: { id: user.id, name: user.name, email: user.email } })
      .from(inviteLink)
      .leftJoin(user, eq(user.id, inviteLink.createdBy))
      .where(and(eq(inviteLink.id, linkId), eq(inviteLink.organizationId, organizationId)))
      .for('update', { of: inviteLink });
    if (!row) return fail('INVITE_LINK_NOT_FOUND');
    if (row.link.revokedAt) return toView(row.link, row.creator);
    const [revoked] = await tx
      .update(inviteLink)
      .set({ revokedAt: new Date() })
      .where(eq(inviteLink.id, linkId))
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'invite_link.revoked',
      targetType: 'invite_link',
      targetId: linkId,
      data: { uses: revoked!.uses },
    });
    return toView(revoked!, row.creator);
  });
}

async function findByHash(exec: Executor, tokenHash: string) {
  const [row] = await exec
    .select({
      link: inviteLink,
      organization: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        logo: organization.logo,
      },
    })
    .from(inviteLink)
    .innerJoin(organization, eq(organization.id, inviteLink.organizationId))
    .where(eq(inviteLink.tokenHash, tokenHash))
    .limit(1);
  return row;
}

type FoundLink = NonNullable<Awaited<ReturnType<typeof findByHash>>>;

async function requireByToken(token: string): Promise<FoundLink> {
  const found = token && token.length <= 200 ? await findByHash(db, hashToken(token)) : undefined;
  if (!found)
    return fail('INVITE_LINK_NOT_FOUND', undefined, {
      remediation: 'Check the link, or ask an owner or admin of the organization for a new one.',
    });
  return found;
}

function assertDomainAllowed(link: LinkRow, email: string): void {
  if (emailDomainAllowed(email, link.allowedDomains)) return;
  fail(
    'EMAIL_DOMAIN_NOT_ALLOWED',
    `This link is for addresses at ${link.allowedDomains.join(', ')}; ${domainOf(email)} is not one of them.`,
    {
      remediation: `Sign in or sign up with an address at ${link.allowedDomains.join(' or ')}.`,
      details: { allowedDomains: link.allowedDomains },
    },
  );
}

/** What the landing page shows: anyone holding the link; a signed-in visitor's address is checked. */
export async function previewInviteLink({
  token,
  actor,
}: {
  token: string;
  actor?: Actor | null;
}): Promise<InviteLinkPreview> {
  const found = await requireByToken(token);
  assertLinkUsable(found.link, found.organization);
  let viewer: InviteLinkPreview['viewer'] = null;
  if (actor) {
    const [membership] = await db
      .select({ id: member.id })
      .from(member)
      .where(
        and(eq(member.organizationId, found.organization.id), eq(member.userId, actor.userId)),
      );
    const pending = await findPendingRequest(db, found.organization.id, actor.userId);
    if (!membership) assertDomainAllowed(found.link, actor.email);
    viewer = { member: Boolean(membership), pendingRequestId: pending?.id ?? null };
  }
  return {
    organization: found.organization,
    role: currentRoles().asRole(found.link.role),
    requiresApproval: found.link.requiresApproval,
    allowedDomains: found.link.allowedDomains,
    expiresAt: found.link.expiresAt.toISOString(),
    viewer,
  };
}

export type JoinThroughLinkResult =
  | {
      kind: 'member';
      organization: { id: string; name: string; slug: string };
      member: { id: string; role: Role };
    }
  | { kind: 'request'; request: JoinRequestView };

const joinInput = z.object({ message: joinMessageSchema });

/**
 * Joins through a link: a verified address at an allowed domain; then, under the organization
 * lock, the link is read again (revoked, expired, used up), the `invitationAccept` policies run
 * with `source: 'invite-link'`, a seat is taken (counted as for invitations) and the use is
 * counted in the same transaction, so a link with N uses admits exactly N people. A link that
 * needs approval stores a join request instead (it counts as a use too).
 */
export async function joinWithInviteLink({
  actor,
  token,
  input = {},
}: {
  actor: Actor;
  token: string;
  input?: unknown;
}): Promise<JoinThroughLinkResult> {
  const data = parseInput(joinInput, input);
  return joinThroughLink(actor, await requireByToken(token), data.message);
}

async function joinThroughLink(
  actor: Actor,
  found: FoundLink,
  message: string | null,
): Promise<JoinThroughLinkResult> {
  const org = found.organization;
  assertLinkUsable(found.link, org);
  const [account] = await db
    .select({ email: user.email, emailVerified: user.emailVerified, name: user.name })
    .from(user)
    .where(eq(user.id, actor.userId));
  if (!account) return fail('UNAUTHORIZED');
  if (!account.emailVerified)
    fail('EMAIL_NOT_VERIFIED', undefined, {
      remediation: 'Open the link in the verification email we sent you, then try again.',
    });
  assertDomainAllowed(found.link, account.email);
  const person = { id: actor.userId, name: account.name, email: account.email };

  try {
    return await db.transaction(async (tx): Promise<JoinThroughLinkResult> => {
      await lockOrganization(tx, org.id);
      const [link] = await tx
        .select()
        .from(inviteLink)
        .where(eq(inviteLink.id, found.link.id))
        .for('update');
      if (!link) return fail('INVITE_LINK_NOT_FOUND');
      assertLinkUsable(link, org);
      const [already] = await tx
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, actor.userId)));
      if (already) fail('ALREADY_MEMBER', 'You are already a member of this organization.');

      const role = currentRoles().asRole(link.role);
      const countUse = () =>
        tx
          .update(inviteLink)
          .set({ uses: sql`${inviteLink.uses} + 1` })
          .where(eq(inviteLink.id, link.id));

      if (link.requiresApproval) {
        const request = await insertJoinRequest(tx, {
          organization: org,
          requester: person,
          source: 'invite-link',
          inviteLinkId: link.id,
          role,
          message,
        });
        await countUse();
        return { kind: 'request', request };
      }

      await organizationRuntime().registries.invitationAccept.enforce({
        organizationId: org.id,
        organization: { id: org.id, name: org.name, slug: org.slug },
        invitation: {
          id: link.id,
          email: person.email,
          role,
          inviterId: link.createdBy,
          metadata: { inviteLinkId: link.id },
          expiresAt: link.expiresAt,
        },
        inviteLink: {
          id: link.id,
          role,
          createdBy: link.createdBy,
          maxUses: link.maxUses,
          uses: link.uses,
          allowedDomains: link.allowedDomains,
          requiresApproval: link.requiresApproval,
          expiresAt: link.expiresAt,
        },
        user: person,
        source: 'invite-link',
        db: policyDatabase(tx),
      });
      await assertSeatsForInvitations(tx, org.id, 1);
      const memberId = newId();
      await tx
        .insert(member)
        .values({ id: memberId, organizationId: org.id, userId: actor.userId, role });
      await countUse();
      await recordActivity(tx, {
        organizationId: org.id,
        ...activityActor(actor),
        action: 'invite_link.used',
        targetType: 'invite_link',
        targetId: link.id,
        targetLabel: person.email,
        data: { role, memberId },
      });
      await activate(tx, actor.sessionId, org.id);
      return {
        kind: 'member',
        organization: { id: org.id, name: org.name, slug: org.slug },
        member: { id: memberId, role },
      };
    });
  } catch (error) {
    return rethrowDuplicateRequest(error);
  }
}

const signUpInput = z.object({
  name: userNameSchema,
  email: emailSchema,
  password: z
    .string({ error: 'Password is required.' })
    .min(8, 'Password must be at least 8 characters.')
    .max(128, 'Password must be at most 128 characters.'),
});

/**
 * Creates an account through a link (also when sign-up is invite-only). Unlike an emailed
 * invitation, the link does not prove the address: the verification email goes out, and the
 * membership (or request) is made when the address is verified (`completeInviteLinkSignup`).
 */
export async function signUpWithInviteLink({ token, input }: { token: string; input: unknown }) {
  const { auth } = organizationRuntime();
  const data = parseInput(signUpInput, input);
  const found = await requireByToken(token);
  assertLinkUsable(found.link, found.organization);
  assertDomainAllowed(found.link, data.email);
  const accountExists = () =>
    fail('ACCOUNT_EXISTS', 'An account with this email already exists.', {
      remediation: 'Sign in, then open the link again to join.',
    });
  const findAccount = async () =>
    (await db.select({ id: user.id }).from(user).where(eq(user.email, data.email)).limit(1))[0];
  if (await findAccount()) accountExists();
  let created: { user: { id: string } };
  try {
    created = await withLinkSignup(data.email, () =>
      auth.api.signUpEmail({
        body: {
          name: data.name,
          email: data.email,
          password: data.password,
          callbackURL: `/join/${encodeURIComponent(token)}`,
        },
      }),
    );
  } catch (error) {
    if (await findAccount()) return accountExists();
    throw error;
  }
  const [stored] = await db.select({ id: user.id }).from(user).where(eq(user.id, created.user.id));
  if (!stored) return accountExists();
  await db
    .insert(inviteLinkSignup)
    .values({ userId: created.user.id, linkId: found.link.id })
    .onConflictDoNothing();
  return {
    user: { id: created.user.id, name: data.name, email: data.email },
    organization: { id: found.organization.id, name: found.organization.name },
    verificationRequired: true as const,
  };
}

/**
 * Called when an address is verified: joins (or requests to join) through the link the person
 * signed up with. A refusal then (the link was revoked or used up meanwhile, a policy, seats)
 * leaves them signed in without the membership; opening the link again shows why.
 */
export async function completeInviteLinkSignup(account: {
  id: string;
  name: string;
  email: string;
}): Promise<void> {
  const [pending] = await db
    .select({ tokenHash: inviteLink.tokenHash })
    .from(inviteLinkSignup)
    .innerJoin(inviteLink, eq(inviteLink.id, inviteLinkSignup.linkId))
    .where(eq(inviteLinkSignup.userId, account.id));
  await db.delete(inviteLinkSignup).where(eq(inviteLinkSignup.userId, account.id));
  const found = pending ? await findByHash(db, pending.tokenHash) : undefined;
  if (!found) return;
  try {
    await joinThroughLink(
      { userId: account.id, name: account.name, email: account.email },
      found,
      null,
    );
  } catch (error) {
    if (error instanceof OrganizationError || error instanceof PolicyDeniedError) return;
    throw error;
  }
}
