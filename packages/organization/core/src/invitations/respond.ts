import { userNameSchema, withInvitationSignup } from '@kit/auth';
import { db, invitation, member, session, user } from '@kit/database';
import { enqueueEmail } from '@kit/email';
import type { OperationSource } from '@kit/organization-policies';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor';
import { lockOrganization } from '../access';
import { activityActor, recordActivity } from '../activity';
import { fail } from '../errors';
import { newId } from '../ids';
import { organizationRuntime } from '../runtime';
import { parseInput } from '../validation';
import { assertSeatForNewMember } from '../seats';
import { renderInvitationAcceptedEmail } from './email';
import { summary } from './manage';
import { policyDatabase } from './policy-context';
import { assertInvitationUsable, findInvitationByToken, isMemberByEmail } from './queries';

async function requireByToken(token: string) {
  const found = await findInvitationByToken(db, token);
  if (!found)
    return fail('INVITATION_NOT_FOUND', undefined, {
      remediation: 'Check the link, or ask for a new invitation.',
    });
  return found;
}

export interface InvitationPreview {
  organization: { id: string; name: string; slug: string; logo: string | null };
  inviter: { name: string } | null;
  email: string;
  role: string;
  expiresAt: string;
  /** Whether an account already exists for the invited email (sign in vs sign up). */
  accountExists: boolean;
}

type FoundInvitation = Awaited<ReturnType<typeof requireByToken>>;

/** The public view of an invitation: what anyone holding the link may see, nothing more. */
async function previewOf(found: FoundInvitation): Promise<InvitationPreview> {
  const [account] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(user.email, found.invitation.email))
    .limit(1);
  return {
    organization: {
      id: found.organization.id,
      name: found.organization.name,
      slug: found.organization.slug,
      logo: found.organization.logo,
    },
    inviter: found.inviter?.id ? { name: found.inviter.name } : null,
    email: found.invitation.email,
    role: found.invitation.role,
    expiresAt: found.invitation.expiresAt.toISOString(),
    accountExists: Boolean(account),
  };
}

/** What the accept page shows. No session needed: the token is the credential. */
export async function getInvitationByToken(token: string): Promise<InvitationPreview> {
  const found = await requireByToken(token);
  assertInvitationUsable(found.invitation, { organizationName: found.organization.name });
  return previewOf(found);
}

export interface AcceptedInvitation {
  organization: { id: string; name: string; slug: string };
  member: { id: string; role: string };
}

/**
 * Joins the organization with the invited role. Under the organization lock the invitation is
 * read again, so of many parallel accepts exactly one succeeds and the rest see it accepted.
 */
export async function acceptInvitation({
  actor,
  token,
  source = 'api',
}: {
  actor: Actor;
  token: string;
  source?: OperationSource;
}): Promise<AcceptedInvitation> {
  const found = await requireByToken(token);
  const org = found.organization;
  assertInvitationUsable(found.invitation, { organizationName: org.name });
  if (found.invitation.email !== actor.email.toLowerCase()) {
    fail(
      'INVITATION_EMAIL_MISMATCH',
      `This invitation was sent to another email address than the one you are signed in with.`,
      {
        remediation: 'Sign out, then open the link again and sign in with the invited address.',
      },
    );
  }
  // Tells the inviter (none for the product's own invitations); queued with the membership below.
  const acceptedEmail = found.inviter?.id
    ? await renderInvitationAcceptedEmail({
        inviter: found.inviter,
        organization: org,
        member: { name: actor.name, email: actor.email },
        role: found.invitation.role,
      })
    : null;

  return db.transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const [locked] = await tx
      .select()
      .from(invitation)
      .where(eq(invitation.id, found.invitation.id))
      .for('update');
    if (!locked) return fail('INVITATION_NOT_FOUND');
    assertInvitationUsable(locked, { organizationName: org.name });
    if (await isMemberByEmail(tx, org.id, locked.email)) {
      fail('ALREADY_MEMBER', 'You are already a member of this organization.');
    }
    await organizationRuntime().registries.invitationAccept.enforce({
      organizationId: org.id,
      organization: { id: org.id, name: org.name, slug: org.slug },
      invitation: summary(locked),
      user: { id: actor.userId, name: actor.name, email: actor.email },
      source,
      db: policyDatabase(tx),
    });
    await assertSeatForNewMember(tx, org.id);
    const memberId = newId();
    await tx.insert(member).values({
      id: memberId,
      organizationId: org.id,
      userId: actor.userId,
      role: locked.role,
      // What the inviter attached (an employee number, a team) stays with the membership.
      metadata: locked.metadata,
    });
    await tx
      .update(invitation)
      .set({ status: 'accepted', respondedAt: new Date() })
      .where(eq(invitation.id, locked.id));
    await recordActivity(tx, {
      organizationId: org.id,
      ...activityActor(actor),
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: locked.id,
      targetLabel: locked.email,
      data: { role: locked.role, memberId },
    });
    if (acceptedEmail) await enqueueEmail(tx, acceptedEmail);
    if (actor.sessionId) {
      await tx
        .update(session)
        .set({ activeOrganizationId: org.id })
        .where(eq(session.id, actor.sessionId));
    }
    return {
      organization: { id: org.id, name: org.name, slug: org.slug },
      member: { id: memberId, role: locked.role },
    };
  });
}

/** Declines with the link alone; a signed-in user with another email cannot decline it. */
/**
 * Declines with the link alone (or signed in as the invitee). The answer is the public preview:
 * a token holder learns nothing the accept page would not show (no inviter id or email, no
 * metadata).
 */
export async function declineInvitation({
  actor,
  token,
}: {
  actor?: Actor;
  token: string;
}): Promise<InvitationPreview> {
  const found = await requireByToken(token);
  assertInvitationUsable(found.invitation, { organizationName: found.organization.name });
  if (actor && actor.email.toLowerCase() !== found.invitation.email)
    fail('INVITATION_EMAIL_MISMATCH');
  await db.transaction(async (tx) => {
    await lockOrganization(tx, found.organization.id);
    const [locked] = await tx
      .select()
      .from(invitation)
      .where(eq(invitation.id, found.invitation.id))
      .for('update');
    if (!locked) return fail('INVITATION_NOT_FOUND');
    assertInvitationUsable(locked, { organizationName: found.organization.name });
    await tx
      .update(invitation)
      .set({ status: 'declined', respondedAt: new Date() })
      .where(eq(invitation.id, locked.id));
    await recordActivity(tx, {
      organizationId: found.organization.id,
      actorId: actor?.userId ?? null,
      action: 'invitation.declined',
      targetType: 'invitation',
      targetId: locked.id,
      targetLabel: locked.email,
    });
  });
  return previewOf(found);
}

const signUpInput = z.object({
  name: userNameSchema,
  password: z
    .string({ error: 'Password is required.' })
    .min(8, 'Password must be at least 8 characters.')
    .max(128, 'Password must be at most 128 characters.'),
});

/**
 * Creates the invited person's account (verified: the link proves the address), signs them in
 * and joins them to the organization. The only way to sign up when sign-up is invite-only.
 * Returns the session cookies to set.
 */
export async function signUpWithInvitation({
  token,
  input,
  source = 'api',
}: {
  token: string;
  input: unknown;
  source?: OperationSource;
}) {
  const { auth } = organizationRuntime();
  const data = parseInput(signUpInput, input);
  const found = await requireByToken(token);
  assertInvitationUsable(found.invitation, { organizationName: found.organization.name });
  const email = found.invitation.email;
  const accountExists = () =>
    fail('ACCOUNT_EXISTS', 'An account with this email already exists.', {
      remediation: 'Sign in to accept the invitation.',
    });
  const findAccount = async () =>
    (await db.select({ id: user.id }).from(user).where(eq(user.email, email)).limit(1))[0];
  if (await findAccount()) accountExists();

  let created: { user: { id: string } };
  try {
    created = await withInvitationSignup(email, () =>
      auth.api.signUpEmail({ body: { name: data.name, email, password: data.password } }),
    );
  } catch (error) {
    // A parallel sign-up through the same link created the account first (unique email).
    if (await findAccount()) return accountExists();
    throw error;
  }
  // better-auth answers a sign-up for an existing email with a made-up user (so as not to reveal
  // accounts): when a parallel sign-up through the same link won, no row has this id.
  const [stored] = await db
    .update(user)
    .set({ emailVerified: true })
    .where(eq(user.id, created.user.id))
    .returning({ id: user.id });
  if (!stored) return accountExists();
  try {
    const signIn = await auth.api.signInEmail({
      body: { email, password: data.password },
      asResponse: true,
    });
    const { token: sessionToken } = (await signIn.json()) as { token: string };
    const [newSession] = await db
      .select({ id: session.id })
      .from(session)
      .where(eq(session.token, sessionToken));

    const accepted = await acceptInvitation({
      actor: { userId: created.user.id, name: data.name, email, sessionId: newSession?.id },
      token,
      source,
    });
    return {
      ...accepted,
      user: { id: created.user.id, name: data.name, email },
      setCookie: signIn.headers.getSetCookie(),
    };
  } catch (error) {
    // Not joined (a policy said no, the seats ran out, the invitation was canceled meanwhile):
    // the account exists only for this invitation, so it goes too (its sessions cascade).
    await db.delete(user).where(eq(user.id, created.user.id));
    throw error;
  }
}
