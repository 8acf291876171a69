import {
  db,
  invitation,
  mailboxMessage,
  member,
  organization,
  organizationActivity,
  session,
  subscription,
  user,
} from '@kit/database';
import { drainOutbox, listMailbox } from '@kit/email';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@kit/organization';
import { asc, eq, sql } from 'drizzle-orm';
import { latestEmail, signUpVerified, testClient, type TestClient } from './client';

type Fetchable = Parameters<typeof testClient>[0];

export interface OrgView {
  id: string;
  name: string;
  slug: string;
  role: string;
}

let sequence = 0;

/** An address no other test in the file uses (the mailbox is shared within a file). */
export function uniqueEmail(label: string): string {
  sequence += 1;
  return `${label}.${sequence}@example.test`;
}

/** The token of the newest invitation link emailed to `email`. */
export async function invitationToken(email: string): Promise<string> {
  const message = await latestEmail(email, /invited you/);
  const link = message.links.find((l) => l.includes('/invite/'));
  if (!link) throw new Error(`no invitation link in the email to ${email}`);
  return new URL(link).pathname.split('/').pop()!;
}

/** A verified, signed-in user who owns a new organization. */
export async function ownerWithOrg(app: Fetchable, orgName: string, label = 'owner') {
  const email = uniqueEmail(label);
  const owner = await signUpVerified(app, { name: `${orgName} Owner`, email });
  const created = await owner.post('/api/organizations', { name: orgName });
  if (created.status !== 201)
    throw new Error(`organization not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { owner, email, org: created.body as OrgView };
}

export interface JoinedMember {
  client: TestClient;
  email: string;
  name: string;
  memberId: string;
  userId: string;
}

/** Invites a new person with `role` and has them sign up through the link: a signed-in member. */
export async function joinAs(
  app: Fetchable,
  inviter: TestClient,
  orgId: string,
  role: string,
  label: string = role,
): Promise<JoinedMember> {
  const email = uniqueEmail(label);
  const name = `${label[0]!.toUpperCase()}${label.slice(1)} ${sequence}`;
  const invite = await inviter.post(`/api/organizations/${orgId}/invitations`, { email, role });
  if (invite.status !== 201)
    throw new Error(`invitation failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const client = testClient(app);
  const signUp = await client.post(`/api/invitations/${await invitationToken(email)}/sign-up`, {
    name,
    password: 'correct-horse-battery',
  });
  if (signUp.status !== 201)
    throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  return { client, email, name, memberId: signUp.body.member.id, userId: signUp.body.user.id };
}

/** The service-level actor for a user, as the API's session middleware would build it. */
export async function actorFor(email: string): Promise<Actor> {
  const [row] = await db.select().from(user).where(eq(user.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return { userId: row.id, name: row.name, email: row.email };
}

/** The client's cookies as a Cookie header, for server-side better-auth calls. */
export function sessionHeaders(client: TestClient): Headers {
  return new Headers({ cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
}

/** An active subscription on the unlimited plan, so that seat limits stay out of the way. */
export async function unlimitedSeats(organizationId: string): Promise<void> {
  await db.insert(subscription).values({
    id: randomUUID(),
    plan: 'enterprise',
    referenceId: organizationId,
    status: 'active',
    seats: null,
  });
}

/** Every organization-related row a refused call could have changed (delivering queued mail first). */
export async function organizationSnapshot() {
  await drainOutbox();
  const [mails] = await db.select({ n: sql<number>`count(*)::int` }).from(mailboxMessage);
  const [activity] = await db.select({ n: sql<number>`count(*)::int` }).from(organizationActivity);
  return {
    organizations: await db.select().from(organization).orderBy(asc(organization.id)),
    members: await db.select().from(member).orderBy(asc(member.id)),
    invitations: await db.select().from(invitation).orderBy(asc(invitation.id)),
    sessions: await db
      .select({ id: session.id, active: session.activeOrganizationId })
      .from(session)
      .orderBy(asc(session.id)),
    users: await db.select({ id: user.id }).from(user).orderBy(asc(user.id)),
    activity: activity!.n,
    mails: mails!.n,
  };
}

/** Every message delivered to `email` so far (after delivering the outbox), newest first. */
export async function emailsTo(email: string) {
  await drainOutbox();
  return listMailbox({ to: email });
}
