import { db, invitation } from '@kit/database';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import {
  actorFor,
  invitationToken,
  ownerWithOrg,
  uniqueEmail,
  type OrgView,
} from './testing/organizations';

const { app } = createTestKit();

let owner: TestClient;
let ownerEmail: string;
let ownerId: string;
let org: OrgView;

beforeAll(async () => {
  ({ owner, email: ownerEmail, org } = await ownerWithOrg(app, 'Decline Co'));
  ownerId = (await actorFor(ownerEmail)).userId;
});

async function invite(email: string) {
  const response = await owner.post(`/api/organizations/${org.id}/invitations`, {
    email,
    role: 'admin',
    metadata: { crmId: 'secret-crm-42' },
  });
  expect(response.status).toBe(201);
  return { id: response.body.invitation.id as string, token: await invitationToken(email) };
}

function expectPublicOnly(body: unknown, invitationId: string) {
  const text = JSON.stringify(body);
  for (const secret of [ownerId, ownerEmail, 'secret-crm-42', 'crmId', invitationId])
    expect(text, secret).not.toContain(secret);
}

describe('declining an invitation', () => {
  it('answers an anonymous link holder with the public preview, no more', async () => {
    const email = uniqueEmail('anonymous');
    const { id, token } = await invite(email);
    const preview = await testClient(app).get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);

    const declined = await testClient(app).post(`/api/invitations/${token}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({
      status: 'declined',
      invitation: {
        organization: { id: org.id, name: 'Decline Co', slug: org.slug, logo: null },
        inviter: { name: 'Decline Co Owner' },
        email,
        role: 'admin',
        expiresAt: preview.body.expiresAt,
        accountExists: false,
      },
    });
    expectPublicOnly(declined.body, id);
    const [row] = await db.select().from(invitation).where(eq(invitation.id, id));
    expect(row?.status).toBe('declined');
  });

  it('answers the signed-in invitee the same way', async () => {
    const email = uniqueEmail('signed-in');
    const invitee = await signUpVerified(app, { name: 'Invitee', email });
    const { id, token } = await invite(email);
    const preview = await invitee.get(`/api/invitations/${token}`);
    const declined = await invitee.post(`/api/invitations/${token}/decline`);
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ status: 'declined', invitation: preview.body });
    expect(declined.body.invitation.accountExists).toBe(true);
    expectPublicOnly(declined.body, id);
  });
});
