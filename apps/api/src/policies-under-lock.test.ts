import { db, invitation, subscription } from '@kit/database';
import {
  allowedEmailDomainsPolicy,
  invitationQuotaPolicy,
  subscriptionRequiredPolicy,
  type InvitationCancelContext,
  type InvitationCreateContext,
} from '@kit/organization-policies';
import { invitationCreateRegistry as applicationCreateRegistry } from '@kit/organization-policies/registry';
import { allow, definePolicy, deny, type Policy, type PolicyRegistry } from '@kit/policies';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import type { TestClient } from './testing/client';
import { ownerWithOrg, uniqueEmail, unlimitedSeats } from './testing/organizations';

/**
 * Policies run inside the operation's transaction, after the organization lock, on every path
 * (create, bulk, resend, cancel), with the transaction as `context.db` and as the imported `db`.
 * The suite runs on PostgreSQL or PGlite, whichever the test setup chose.
 */
const { app, registries } = createTestKit();

const registered: Array<() => void> = [];
function register<Ctx>(registry: PolicyRegistry<Ctx>, policy: Policy<Ctx>) {
  registry.registerPolicy(policy);
  registered.push(() => registry.unregisterPolicy(policy.id));
}
afterEach(() => {
  for (const unregister of registered.splice(0)) unregister();
});

let owner: TestClient;
let n = 0;
async function newOrg() {
  const created = await owner.post('/api/organizations', { name: `Locked Org ${++n}` });
  expect(created.status).toBe(201);
  await unlimitedSeats(created.body.id);
  return created.body.id as string;
}
const invitationsOf = (orgId: string) =>
  db.select().from(invitation).where(eq(invitation.organizationId, orgId));

beforeAll(async () => {
  ({ owner } = await ownerWithOrg(app, 'Lock Owner Org', 'lock-owner'));
});

describe('a counting policy under concurrency', () => {
  it('50 simultaneous invitations against a quota of 10 create exactly 10', async () => {
    register(registries.invitationCreate, invitationQuotaPolicy({ perUser: 10 }));
    const orgId = await newOrg();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        owner.post(`/api/organizations/${orgId}/invitations`, {
          email: `racer${i}@example.test`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 403)).toHaveLength(40);
    expect(
      new Set(responses.filter((r) => r.status === 403).map((r) => r.body.error.code)),
    ).toEqual(new Set(['INVITATION_QUOTA_EXCEEDED']));
    expect(await invitationsOf(orgId)).toHaveLength(10);
  });
});

describe('the documented subscription policy (imported `db`)', () => {
  it('queries inside the operation without deadlocking, single and bulk', async () => {
    register(registries.invitationCreate, subscriptionRequiredPolicy);
    const orgId = await newOrg(); // unlimitedSeats() gave it an active subscription
    const single = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('seed-single'),
    });
    expect(single.status).toBe(201);
    const bulk = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, {
      invitations: [{ email: uniqueEmail('seed-bulk') }, { email: uniqueEmail('seed-bulk') }],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.summary).toMatchObject({ invited: 2, denied: 0 });

    const unpaid = (await owner.post('/api/organizations', { name: 'Unpaid Locked' })).body
      .id as string;
    await db
      .insert(subscription)
      .values({ id: randomUUID(), plan: 'team', referenceId: unpaid, status: 'canceled' });
    const refused = await owner.post(`/api/organizations/${unpaid}/invitations`, {
      email: uniqueEmail('seed-refused'),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SUBSCRIPTION_REQUIRED');
    expect(await invitationsOf(unpaid)).toEqual([]);
  });
});

describe('what a policy sees', () => {
  it('context.db is the operation’s transaction: it sees the lock and this operation’s own rows', async () => {
    const orgId = await newOrg();
    const seen: Array<{ pendingInTx: number; source: string }> = [];
    register(
      registries.invitationCreate,
      definePolicy<InvitationCreateContext>({
        id: 'test.count-in-transaction',
        evaluate: async (context) => {
          const rows = await context.db
            .select({ id: invitation.id })
            .from(invitation)
            .where(eq(invitation.organizationId, context.organizationId));
          seen.push({ pendingInTx: rows.length, source: context.source });
          return allow();
        },
      }),
    );
    const first = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('first'),
    });
    // A resend marks the old invitation replaced only after the policy has run.
    await owner.post(`/api/organizations/${orgId}/invitations/${first.body.invitation.id}/resend`);
    expect(seen).toEqual([
      { pendingInTx: 0, source: 'api' },
      { pendingInTx: 1, source: 'resend' },
    ]);
  });
});

describe('resend', () => {
  it('runs invitationCreate: an address a policy now blocks gets no fresh link', async () => {
    const orgId = await newOrg();
    const created = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'someone@gmail.test',
    });
    expect(created.status).toBe(201);
    register(registries.invitationCreate, allowedEmailDomainsPolicy({ domains: ['acme.test'] }));
    const resent = await owner.post(
      `/api/organizations/${orgId}/invitations/${created.body.invitation.id}/resend`,
    );
    expect(resent.status).toBe(403);
    expect(resent.body.error).toMatchObject({
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
      details: { policyId: 'invitation-create.allowed-email-domains' },
    });
    expect((await invitationsOf(orgId)).map((r) => r.status)).toEqual(['pending']);
  });
});

describe('cancel', () => {
  it('runs invitationCancel inside the transaction, with the locked invitation', async () => {
    const orgId = await newOrg();
    const created = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('cancel'),
    });
    const seen: string[] = [];
    register(
      registries.invitationCancel,
      definePolicy<InvitationCancelContext>({
        id: 'test.cancel-spy',
        evaluate: async (context) => {
          const [row] = await context.db
            .select({ status: invitation.status })
            .from(invitation)
            .where(eq(invitation.id, context.invitation.id));
          seen.push(row!.status);
          return allow();
        },
      }),
    );
    const canceled = await owner.delete(
      `/api/organizations/${orgId}/invitations/${created.body.invitation.id}`,
    );
    expect(canceled.status).toBe(200);
    expect(seen).toEqual(['pending']);
  });
});

describe('the application registries (registry.ts)', () => {
  it('do not reach a kit built for tests', async () => {
    const denyAll = definePolicy<InvitationCreateContext>({
      id: 'test.application-deny-all',
      evaluate: () => deny({ code: 'APPLICATION_RULE', message: 'The application says no.' }),
    });
    register(applicationCreateRegistry, denyAll);
    const orgId = await newOrg();
    const response = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('independent'),
    });
    expect(response.status).toBe(201);
  });
});
