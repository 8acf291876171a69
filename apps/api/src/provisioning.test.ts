import { randomUUID } from 'node:crypto';
import { db, user } from '@kit/database';
import { drainOutbox, listMailbox } from '@kit/email';
import { acceptInvitation } from '@kit/organization';
import { describe, expect, it } from 'vitest';
import { createKey, keyClient } from './testing/api-keys';
import { createTestKit } from './testing/kit';
import { ownerWithOrg, unlimitedSeats } from './testing/organizations';

const { app } = createTestKit();

const PEOPLE = 500;
const BATCH = 100;

const person = (i: number) => ({
  email: `employee.${i}@provisioning.example.test`,
  metadata: { employeeId: `E-${1000 + i}`, department: i % 2 ? 'Sales' : 'Support', level: i % 5 },
});

describe('provisioning an organization through an API key', () => {
  it('invites 500 people with metadata; once they accept, the members API returns each one’s metadata', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Provisioned Corp');
    await unlimitedSeats(org.id);
    const key = await createKey(owner, org.id, {
      name: 'HR import',
      scopes: ['invitations:write', 'invitations:read', 'members:read'],
    });
    const script = keyClient(app, key.secret);
    const base = `/api/organizations/${org.id}`;

    // What an HR script does: the directory in batches through the bulk endpoint.
    for (let start = 0; start < PEOPLE; start += BATCH) {
      const invitations = Array.from({ length: BATCH }, (_, i) => ({
        ...person(start + i),
        role: 'member',
      }));
      const response = await script.post(`${base}/invitations/bulk`, { invitations });
      expect(response.status).toBe(200);
      expect(response.body.summary).toMatchObject({ invited: BATCH, total: BATCH });
    }
    const pending = await script.get(`${base}/invitations?status=pending&limit=500`);
    expect(pending.body.invitations).toHaveLength(PEOPLE);

    // Each person gets their email, has an account, and accepts.
    await drainOutbox();
    const mail = await listMailbox({ limit: PEOPLE * 2 });
    const tokens = new Map<string, string>();
    for (const message of mail) {
      const link = message.links.find((l) => l.includes('/invite/'));
      if (link && !tokens.has(message.to)) tokens.set(message.to, link.split('/').pop()!);
    }
    const accounts = Array.from({ length: PEOPLE }, (_, i) => ({
      id: randomUUID(),
      name: `Employee ${i}`,
      email: person(i).email,
      emailVerified: true,
    }));
    await db.insert(user).values(accounts);
    for (let start = 0; start < PEOPLE; start += 25) {
      await Promise.all(
        accounts.slice(start, start + 25).map((account) =>
          acceptInvitation({
            actor: { userId: account.id, name: account.name, email: account.email },
            token: tokens.get(account.email)!,
          }),
        ),
      );
    }

    const seen = new Map<string, unknown>();
    for (let offset = 0; ; offset += 100) {
      const page = await script.get(`${base}/members?limit=100&offset=${offset}&sort=email`);
      expect(page.status).toBe(200);
      for (const m of page.body.members) seen.set(m.email, m.metadata);
      if (page.body.members.length < 100) break;
    }
    expect(seen.size).toBe(PEOPLE + 1);
    for (let i = 0; i < PEOPLE; i++) expect(seen.get(person(i).email)).toEqual(person(i).metadata);
  }, 300_000);
});
