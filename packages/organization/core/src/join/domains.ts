import {
  db,
  isUniqueViolation,
  member,
  organization,
  organizationDomain,
  user,
  type Executor,
} from '@kit/database';
import { domainVerificationCodeEmail, enqueueEmail } from '@kit/email';
import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../actor';
import { lockOrganization, requireAuthorized, requireMembership } from '../access';
import { activityActor, recordActivity } from '../activity';
import {
  ENROLLMENT_MODES,
  type DomainSuggestion,
  type EnrollmentMode,
  type OrganizationDomainView,
} from '../contracts';
import { fail } from '../errors';
import { newId } from '../ids';
import { policyDatabase } from '../invitations/policy-context';
import { currentRoles } from '../roles';
import { organizationRuntime } from '../runtime';
import { assertSeatsForInvitations } from '../seats';
import { emailSchema, parseInput } from '../validation';
import { domainSchema, emailDomainAllowed } from './domains-match';
import {
  activate,
  findPendingRequest,
  insertJoinRequest,
  joinMessageSchema,
  rethrowDuplicateRequest,
} from './requests';

export const DOMAIN_CODE_TTL_MS = 15 * 60 * 1000;
export const DOMAIN_CODE_MAX_ATTEMPTS = 5;

/**
 * Mail providers anyone can get an address at, and throwaway-address services: never claimable.
 * Loaded the first time a domain is added (the lists are large; most processes never need them).
 */
let unclaimable: Promise<Set<string>> | undefined;
const unclaimableDomains = () =>
  (unclaimable ??= Promise.all([
    import('free-email-domains'),
    import('disposable-email-domains'),
  ]).then(
    ([free, disposable]) => new Set<string>([...free.default, ...(disposable.default as string[])]),
  ));

type DomainRow = typeof organizationDomain.$inferSelect;

const hashCode = (domainId: string, code: string) =>
  createHash('sha256').update(`${domainId}:${code}`).digest('hex');

function toView(row: DomainRow): OrganizationDomainView {
  return {
    id: row.id,
    domain: row.domain,
    status: row.verifiedAt ? 'verified' : 'pending',
    verificationEmail: row.verificationEmail,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    codeExpiresAt: row.verifiedAt ? null : (row.codeExpiresAt?.toISOString() ?? null),
    attemptsLeft: row.verifiedAt ? null : Math.max(0, DOMAIN_CODE_MAX_ATTEMPTS - row.attempts),
    enrollmentMode: (ENROLLMENT_MODES as readonly string[]).includes(row.enrollmentMode)
      ? (row.enrollmentMode as EnrollmentMode)
      : 'manual',
    createdAt: row.createdAt.toISOString(),
  };
}

/** Domains are the owners' to manage (the role set's owner role). */
async function requireOwner(organizationId: string, actor: Actor) {
  const membership = await requireMembership(db, organizationId, actor);
  if (!currentRoles().isOwner(membership.role))
    fail('INSUFFICIENT_PERMISSIONS', 'Only owners can manage verified domains.');
  return membership;
}

async function requireDomain(exec: Executor, organizationId: string, domainId: string) {
  const [row] = await exec
    .select()
    .from(organizationDomain)
    .where(
      and(
        eq(organizationDomain.id, domainId),
        eq(organizationDomain.organizationId, organizationId),
      ),
    )
    .for('update');
  if (!row) return fail('DOMAIN_NOT_FOUND');
  return row;
}

const addInput = z.object({ domain: domainSchema, email: emailSchema });

/**
 * Adds a domain (or, for one not verified yet, sends a fresh code): the address must be at the
 * domain, common mail providers and disposable domains are refused, and a 6-digit code valid for
 * 15 minutes is emailed to the address (only its hash is stored).
 */
export async function addDomain({
  actor,
  organizationId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<OrganizationDomainView> {
  const data = parseInput(addInput, input);
  const membership = await requireOwner(organizationId, actor);
  if ((await unclaimableDomains()).has(data.domain))
    fail('DOMAIN_NOT_ALLOWED', `${data.domain} is a public or disposable email provider.`, {
      remediation: 'Add a domain your organization owns, such as the one of your work addresses.',
    });
  if (!emailDomainAllowed(data.email, [data.domain]))
    fail('VALIDATION_ERROR', `The code goes to an address at ${data.domain}.`, {
      details: { fields: [{ field: 'email', message: `Enter an address at ${data.domain}.` }] },
    });
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  try {
    return await db.transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const [existing] = await tx
        .select()
        .from(organizationDomain)
        .where(
          and(
            eq(organizationDomain.organizationId, organizationId),
            eq(organizationDomain.domain, data.domain),
          ),
        );
      if (existing?.verifiedAt) fail('DOMAIN_EXISTS');
      const id = existing?.id ?? newId();
      const values = {
        verificationEmail: data.email,
        codeHash: hashCode(id, code),
        codeExpiresAt: new Date(Date.now() + DOMAIN_CODE_TTL_MS),
        attempts: 0,
      };
      const [row] = existing
        ? await tx
            .update(organizationDomain)
            .set(values)
            .where(eq(organizationDomain.id, id))
            .returning()
        : await tx
            .insert(organizationDomain)
            .values({
              id,
              organizationId,
              domain: data.domain,
              createdBy: actor.userId,
              ...values,
            })
            .returning();
      if (!existing)
        await recordActivity(tx, {
          organizationId,
          ...activityActor(actor),
          action: 'domain.added',
          targetType: 'domain',
          targetId: id,
          targetLabel: data.domain,
        });
      await queueDomainCodeEmail(tx, {
        organization: membership.organization,
        requesterName: actor.name,
        domain: data.domain,
        to: data.email,
        code,
      });
      return toView(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'organization_domain_org_domain_uidx')) fail('DOMAIN_EXISTS');
    throw error;
  }
}

/** The code email (one function per email, queued in the caller's transaction). */
async function queueDomainCodeEmail(
  exec: Executor,
  input: {
    organization: { id: string; name: string; slug: string };
    requesterName: string;
    domain: string;
    to: string;
    code: string;
  },
) {
  await enqueueEmail(exec, {
    to: input.to,
    organizationId: input.organization.id,
    ...(await domainVerificationCodeEmail({
      productName: organizationRuntime().appName,
      organizationName: input.organization.name,
      requesterName: input.requesterName,
      domain: input.domain,
      code: input.code,
      expiresInMinutes: DOMAIN_CODE_TTL_MS / 60_000,
      url: `${organizationRuntime().appUrl}/orgs/${encodeURIComponent(input.organization.slug)}/domains`,
    })),
  });
}

const verifyInput = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code.' })
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code.'),
});

/** Checks the code: 5 tries per code, 15 minutes; the first organization to verify holds the domain. */
export async function verifyDomain({
  actor,
  organizationId,
  domainId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  domainId: string;
  input: unknown;
}): Promise<OrganizationDomainView> {
  const data = parseInput(verifyInput, input);
  await requireOwner(organizationId, actor);
  // A wrong code is counted (committed) before the refusal is thrown.
  const outcome = await db
    .transaction(async (tx) => {
      await lockOrganization(tx, organizationId);
      const row = await requireDomain(tx, organizationId, domainId);
      if (row.verifiedAt) return { ok: true as const, row };
      if (!row.codeHash || !row.codeExpiresAt || row.codeExpiresAt.getTime() <= Date.now())
        return { ok: false as const, code: 'DOMAIN_CODE_EXPIRED' as const, row };
      if (row.attempts >= DOMAIN_CODE_MAX_ATTEMPTS)
        return { ok: false as const, code: 'DOMAIN_CODE_ATTEMPTS_EXCEEDED' as const, row };
      const given = Buffer.from(hashCode(row.id, data.code));
      if (!timingSafeEqual(given, Buffer.from(row.codeHash))) {
        const [counted] = await tx
          .update(organizationDomain)
          .set({ attempts: row.attempts + 1 })
          .where(eq(organizationDomain.id, row.id))
          .returning();
        return { ok: false as const, code: 'DOMAIN_CODE_INVALID' as const, row: counted! };
      }
      const [verified] = await tx
        .update(organizationDomain)
        .set({ verifiedAt: new Date(), codeHash: null, codeExpiresAt: null, attempts: 0 })
        .where(eq(organizationDomain.id, row.id))
        .returning();
      await recordActivity(tx, {
        organizationId,
        ...activityActor(actor),
        action: 'domain.verified',
        targetType: 'domain',
        targetId: row.id,
        targetLabel: row.domain,
        data: { email: row.verificationEmail },
      });
      return { ok: true as const, row: verified! };
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, 'organization_domain_verified_uidx'))
        fail('DOMAIN_VERIFIED_ELSEWHERE', undefined, {
          remediation: 'Ask the organization that verified it to remove it first.',
        });
      throw error;
    });
  if (outcome.ok) return toView(outcome.row);
  const attemptsLeft = Math.max(0, DOMAIN_CODE_MAX_ATTEMPTS - outcome.row.attempts);
  if (outcome.code === 'DOMAIN_CODE_INVALID' && attemptsLeft > 0)
    fail(
      'DOMAIN_CODE_INVALID',
      `That code is not right: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
      {
        details: { attemptsLeft },
      },
    );
  return fail(
    outcome.code === 'DOMAIN_CODE_INVALID' ? 'DOMAIN_CODE_ATTEMPTS_EXCEEDED' : outcome.code,
    undefined,
    { remediation: 'Send a new code and try again.', details: { attemptsLeft } },
  );
}

const modeInput = z.object({
  enrollmentMode: z.enum(ENROLLMENT_MODES, {
    error: `enrollmentMode must be one of ${ENROLLMENT_MODES.join(', ')}.`,
  }),
});

/**
 * Changes what the domain does for people with an address at it. Automatic invitations and
 * suggestions are derived from the mode whenever they are listed, so switching away (or removing
 * the domain) withdraws every one it offered at once.
 */
export async function updateDomain({
  actor,
  organizationId,
  domainId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  domainId: string;
  input: unknown;
}): Promise<OrganizationDomainView> {
  const data = parseInput(modeInput, input);
  await requireOwner(organizationId, actor);
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const row = await requireDomain(tx, organizationId, domainId);
    if (!row.verifiedAt && data.enrollmentMode !== 'manual')
      fail('DOMAIN_NOT_VERIFIED', undefined, {
        remediation: 'Verify the domain with its code first.',
      });
    if (row.enrollmentMode === data.enrollmentMode) return toView(row);
    const [updated] = await tx
      .update(organizationDomain)
      .set({ enrollmentMode: data.enrollmentMode })
      .where(eq(organizationDomain.id, row.id))
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'domain.mode_changed',
      targetType: 'domain',
      targetId: row.id,
      targetLabel: row.domain,
      data: { from: row.enrollmentMode, to: data.enrollmentMode },
    });
    return toView(updated!);
  });
}

export async function removeDomain({
  actor,
  organizationId,
  domainId,
}: {
  actor: Actor;
  organizationId: string;
  domainId: string;
}): Promise<void> {
  await requireOwner(organizationId, actor);
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const row = await requireDomain(tx, organizationId, domainId);
    await tx.delete(organizationDomain).where(eq(organizationDomain.id, row.id));
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'domain.removed',
      targetType: 'domain',
      targetId: row.id,
      targetLabel: row.domain,
    });
  });
}

/** The organization's domains; owners and those who may update the organization. */
export async function listDomains({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<OrganizationDomainView[]> {
  await requireAuthorized(db, organizationId, actor, { organization: ['update'] });
  const rows = await db
    .select()
    .from(organizationDomain)
    .where(eq(organizationDomain.organizationId, organizationId))
    .orderBy(desc(organizationDomain.createdAt));
  return rows.map(toView);
}

/** Verified domains in an automatic mode matching `email` (its domain or a parent of it). */
async function matchingDomains(exec: Executor, email: string) {
  const rows = await exec
    .select({
      domain: organizationDomain,
      organization: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        logo: organization.logo,
      },
    })
    .from(organizationDomain)
    .innerJoin(organization, eq(organization.id, organizationDomain.organizationId))
    .where(
      and(
        isNotNull(organizationDomain.verifiedAt),
        ne(organizationDomain.enrollmentMode, 'manual'),
      ),
    );
  return rows.filter((r) => emailDomainAllowed(email, [r.domain.domain]));
}

async function verifiedAccount(actor: Actor) {
  const [account] = await db
    .select({ email: user.email, emailVerified: user.emailVerified, name: user.name })
    .from(user)
    .where(eq(user.id, actor.userId));
  return account?.emailVerified ? account : undefined;
}

/**
 * The automatic invitations and suggestions for the signed-in person: organizations with a
 * verified domain matching their verified address, which they are not in and have not asked to
 * join yet.
 */
export async function listSuggestions({ actor }: { actor: Actor }): Promise<DomainSuggestion[]> {
  const account = await verifiedAccount(actor);
  if (!account) return [];
  const found = await matchingDomains(db, account.email);
  const suggestions: DomainSuggestion[] = [];
  for (const { domain, organization: org } of found) {
    const [membership] = await db
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, org.id), eq(member.userId, actor.userId)));
    if (membership || suggestions.some((s) => s.organization.id === org.id)) continue;
    const pending = await findPendingRequest(db, org.id, actor.userId);
    suggestions.push({
      domainId: domain.id,
      domain: domain.domain,
      kind: domain.enrollmentMode === 'automatic_invitation' ? 'invitation' : 'suggestion',
      organization: org,
      role: currentRoles().defaultRole,
      pendingRequestId: pending?.id ?? null,
    });
  }
  return suggestions;
}

const joinInput = z.object({ message: joinMessageSchema });

/**
 * Acts on a suggestion: an automatic invitation joins with the default role (the
 * `invitationAccept` policies with `source: 'domain'`, a seat under the lock); a suggestion sends
 * a join request. The domain is read again under the lock: a mode changed or a domain removed
 * meanwhile answers SUGGESTION_NOT_FOUND.
 */
export async function joinThroughDomain({
  actor,
  domainId,
  input = {},
}: {
  actor: Actor;
  domainId: string;
  input?: unknown;
}) {
  const data = parseInput(joinInput, input);
  const account = await verifiedAccount(actor);
  if (!account) return fail('SUGGESTION_NOT_FOUND');
  const [target] = await db
    .select({ organizationId: organizationDomain.organizationId })
    .from(organizationDomain)
    .where(eq(organizationDomain.id, domainId));
  if (!target) return fail('SUGGESTION_NOT_FOUND');
  const person = { id: actor.userId, name: account.name, email: account.email };
  try {
    return await db.transaction(async (tx) => {
      await lockOrganization(tx, target.organizationId);
      const [row] = await tx
        .select({
          domain: organizationDomain,
          organization: { id: organization.id, name: organization.name, slug: organization.slug },
        })
        .from(organizationDomain)
        .innerJoin(organization, eq(organization.id, organizationDomain.organizationId))
        .where(eq(organizationDomain.id, domainId));
      if (
        !row?.domain.verifiedAt ||
        row.domain.enrollmentMode === 'manual' ||
        !emailDomainAllowed(account.email, [row.domain.domain])
      )
        return fail('SUGGESTION_NOT_FOUND');
      const org = row.organization;
      const [already] = await tx
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, actor.userId)));
      if (already) fail('ALREADY_MEMBER', 'You are already a member of this organization.');
      if (row.domain.enrollmentMode === 'automatic_suggestion') {
        const request = await insertJoinRequest(tx, {
          organization: org,
          requester: person,
          source: 'domain',
          domainId,
          message: data.message,
        });
        return { kind: 'request' as const, request };
      }
      const role = currentRoles().defaultRole;
      await organizationRuntime().registries.invitationAccept.enforce({
        organizationId: org.id,
        organization: org,
        invitation: {
          id: row.domain.id,
          email: person.email,
          role,
          inviterId: row.domain.createdBy,
          metadata: { domainId: row.domain.id, domain: row.domain.domain },
          expiresAt: new Date(8.64e15),
        },
        user: person,
        source: 'domain',
        db: policyDatabase(tx),
      });
      await assertSeatsForInvitations(tx, org.id, 1);
      const memberId = newId();
      await tx
        .insert(member)
        .values({ id: memberId, organizationId: org.id, userId: actor.userId, role });
      await recordActivity(tx, {
        organizationId: org.id,
        ...activityActor(actor),
        action: 'domain.member_joined',
        targetType: 'domain',
        targetId: row.domain.id,
        targetLabel: person.email,
        data: { role, memberId, domain: row.domain.domain },
      });
      await activate(tx, actor.sessionId, org.id);
      return { kind: 'member' as const, organization: org, member: { id: memberId, role } };
    });
  } catch (error) {
    return rethrowDuplicateRequest(error);
  }
}
