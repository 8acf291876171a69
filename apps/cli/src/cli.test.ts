import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  connectDatabase,
  db,
  invitation,
  member,
  organization,
  subscription,
  user,
} from '@kit/database';
import { listMailbox } from '@kit/email';
import { acceptInvitation } from '@kit/organization';
import { subscriptionRequiredPolicy } from '@kit/organization-policies';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from '@kit/api/testing';
import type { CliIO } from './io';
import { run } from './run';

const kit = createTestKit();

function capture(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), interactive: false, cwd };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

const tokenOf = (url: string) => url.split('/invite/')[1]!;

describe('pnpm kit', () => {
  it('org create makes the organization, invites the owner, prints the link and sends the email', async () => {
    const cli = capture();
    expect(
      await run(['org', 'create', '--name', 'Acme Corp', '--owner', 'Alice@Acme.com'], cli.io),
    ).toBe(0);
    const link = /Invitation link: (\S+)/.exec(cli.out())?.[1];
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{43}$/);
    const [org] = await db.select().from(organization).where(eq(organization.slug, 'acme-corp'));
    expect(org?.name).toBe('Acme Corp');
    const [owner] = await db
      .select()
      .from(invitation)
      .where(eq(invitation.organizationId, org!.id));
    expect(owner).toMatchObject({
      email: 'alice@acme.com',
      role: 'owner',
      status: 'pending',
      inviterId: null,
    });
    const [mail] = await listMailbox({ to: 'alice@acme.com' });
    expect(mail?.subject).toContain('Acme Corp');
    expect(mail?.links).toContain(link);
    expect(cli.out()).toContain('The invitation email was sent to alice@acme.com.');
  });

  it('org set-plan sets plan and seats; bad input is a clear error that changes nothing', async () => {
    await run(['org', 'create', '--name', 'Plan Co', '--owner', 'p@plan.co'], capture().io);
    const cli = capture();
    expect(
      await run(
        ['org', 'set-plan', '--org', 'plan-co', '--plan', 'business', '--seats', '42'],
        cli.io,
      ),
    ).toBe(0);
    expect(cli.out()).toBe('Plan Co is on the business plan: 42 seats (0 members, 1 pending).');
    const bad = capture();
    expect(await run(['org', 'set-plan', '--org', 'plan-co', '--plan', 'platinum'], bad.io)).toBe(
      1,
    );
    expect(bad.err()).toContain('Unknown plan "platinum"');
    const rows = await db.select().from(subscription);
    expect(rows.map((r) => [r.plan, r.seats])).toEqual([['business', 42]]);
    const usage = capture();
    expect(await run(['org', 'set-plan', '--org', 'plan-co'], usage.io)).toBe(2);
    expect(usage.err()).toContain('needs --org <slug> --plan <plan>');
  });

  it('invitations import: dry run, then the real import, then a re-run that invites nobody twice', async () => {
    const created = capture();
    await run(
      [
        'org',
        'create',
        '--name',
        'Import Co',
        '--owner',
        'owner@import.co',
        '--plan',
        'team',
        '--seats',
        '4',
      ],
      created.io,
    );
    const link = /Invitation link: (\S+)/.exec(created.out())![1]!;
    // The owner joins through the link (signing up as the invited address).
    const [{ id: orgId }] = (await db
      .select({ id: organization.id })
      .from(organization)
      .where(eq(organization.slug, 'import-co'))) as [{ id: string }];
    await db
      .insert(user)
      .values({ id: 'u-owner', name: 'Owner', email: 'owner@import.co', emailVerified: true });
    await acceptInvitation({
      actor: { userId: 'u-owner', name: 'Owner', email: 'owner@import.co' },
      token: tokenOf(link),
    });

    const dir = mkdtempSync(path.join(tmpdir(), 'kit-cli-'));
    writeFileSync(
      path.join(dir, 'people.csv'),
      'email,role,team\nann@import.co,admin,design\nbob@import.co,,sales\nnot-an-email,member,\nann@import.co,member,\ncid@import.co,member,\ndee@import.co,member,\n',
    );
    const dry = capture(dir);
    expect(
      await run(
        ['invitations', 'import', '--org', 'import-co', '--file', 'people.csv', '--dry-run'],
        dry.io,
      ),
    ).toBe(0);
    expect(dry.out()).toContain('Dry run: nothing was stored');
    expect(
      await db.select().from(invitation).where(eq(invitation.organizationId, orgId)),
    ).toHaveLength(1);

    const real = capture(dir);
    expect(
      await run(['invitations', 'import', '--org', 'import-co', '--file', 'people.csv'], real.io),
    ).toBe(0);
    const summary = real.out();
    expect(summary).toMatch(/Invited\s+3/);
    expect(summary).toMatch(/Invalid email\s+1/);
    expect(summary).toMatch(/Duplicate in file\s+1/);
    expect(summary).toMatch(/No free seat\s+1/);
    expect(summary).toMatch(/7\s+dee@import\.co\s+No free seat/);
    expect(summary).toContain('Sent 3.');
    const rows = await db.select().from(invitation).where(eq(invitation.organizationId, orgId));
    expect(
      rows
        .filter((r) => r.status === 'pending')
        .map((r) => [r.email, r.role])
        .sort(),
    ).toEqual([
      ['ann@import.co', 'admin'],
      ['bob@import.co', 'member'],
      ['cid@import.co', 'member'],
    ]);
    expect((await listMailbox({ to: 'bob@import.co' }))[0]?.subject).toContain('Import Co');

    const again = capture(dir);
    await run(['invitations', 'import', '--org', 'import-co', '--file', 'people.csv'], again.io);
    expect(again.out()).toMatch(/Already invited\s+3/);
    expect(again.out()).not.toMatch(/^Invited/m);
    expect(await db.select().from(member).where(eq(member.organizationId, orgId))).toHaveLength(1);
  });

  it('puts the organization on --plan before the owner invitation, so policies see the plan', async () => {
    const registry = kit.registries.invitationCreate;
    registry.registerPolicy(subscriptionRequiredPolicy);
    try {
      const refused = capture();
      expect(
        await run(['org', 'create', '--name', 'Unpaid', '--owner', 'u@unpaid.io'], refused.io),
      ).toBe(1);
      expect(refused.err()).toContain(
        'Refused by policy invitation-create.subscription-required (SUBSCRIPTION_REQUIRED)',
      );
      expect(await db.select().from(organization).where(eq(organization.slug, 'unpaid'))).toEqual(
        [],
      );

      const paid = capture();
      const plan = Object.keys(kit.runtime.plans!.plans)[0]!;
      const args = ['org', 'create', '--name', 'Paid', '--owner', 'p@paid.io', '--plan', plan];
      expect(await run(args, paid.io)).toBe(0);
      expect(paid.out()).toContain('Created organization "Paid"');
    } finally {
      registry.unregisterPolicy(subscriptionRequiredPolicy.id);
    }
  });

  it('runs as a real command in its own process, on its own embedded database', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kit-cli-data-'));
    // An organization already in that database, written directly: the command under test
    // changes its plan, which no invitation policy of the application takes part in.
    const seeded = connectDatabase({ pgliteDataDir: path.join(dataDir, 'pglite') });
    await seeded.migrate();
    await seeded.db
      .insert(organization)
      .values({ id: 'org_spawned', name: 'Spawned', slug: 'spawned' });
    await seeded.close();

    const env = { ...process.env, KIT_DATA_DIR: dataDir, NODE_ENV: 'development' };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    delete (env as Record<string, string | undefined>).PGLITE_DATA_DIR;
    const bin = path.resolve(import.meta.dirname, '../bin/kit.mjs');
    const plan = Object.keys(kit.runtime.plans!.plans)[0]!;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, 'org', 'set-plan', '--org', 'spawned', '--plan', plan, '--seats', '7'],
      { env },
    );
    expect(stdout).toContain(`Spawned is on the ${plan} plan: 7 seats (0 members, 0 pending).`);
  }, 120_000);
});
