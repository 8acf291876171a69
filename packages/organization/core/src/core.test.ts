import { db, invitation, member, organization, user } from '@kit/database';
import { describe, expect, it } from 'vitest';
import { OrganizationError } from './errors';
import { parseBulkCsv, parseBulkJson } from './invitations/bulk-input';
import { effectiveStatus } from './invitations/view';
import { seatUsage, setOrganizationPlan } from './seats';
import { parseInput, slugify, slugSchema } from './validation';

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as OrganizationError;
  }
  throw new Error('expected an error');
};

describe('slugs', () => {
  it('derive a URL slug from a name', () => {
    expect(slugify('Acme Robotics, Inc.')).toBe('acme-robotics-inc');
    expect(slugify('Crème Brûlée Café')).toBe('creme-brulee-cafe');
    expect(slugify('X')).toBe('org-x');
  });

  it('reject what cannot be in a URL with a field-level VALIDATION_ERROR', () => {
    const error = errorOf(() => parseInput(slugSchema, 'Not a slug!'));
    expect(error).toBeInstanceOf(OrganizationError);
    expect(error).toMatchObject({ code: 'VALIDATION_ERROR', status: 400 });
    expect(error.details).toEqual({
      fields: [{ field: null, message: 'Use lowercase letters, digits and single hyphens.' }],
    });
  });
});

describe('bulk input', () => {
  it('reads CSV with quotes, a BOM, extra columns as metadata and line numbers', async () => {
    const rows = await parseBulkCsv(
      '\uFEFFEmail,Role,Team,Note\r\nann@x.com,admin,design,"likes, commas"\r\n\r\nbob@x.com,,,\r\n',
    );
    expect(rows).toEqual([
      {
        row: 1,
        line: 2,
        email: 'ann@x.com',
        role: 'admin',
        metadata: { Team: 'design', Note: 'likes, commas' },
      },
      { row: 2, line: 3, email: 'bob@x.com', role: undefined, metadata: {} },
    ]);
  });

  it('names the line of malformed CSV and refuses more than 10,000 rows', async () => {
    expect(await parseBulkCsv('email\n"open quote\n').catch((e: unknown) => e)).toMatchObject({
      code: 'INVALID_CSV',
      details: { line: 2 },
    });
    const big = ['email', ...Array.from({ length: 10_001 }, (_, i) => `u${i}@x.com`)].join('\n');
    expect(await parseBulkCsv(big).catch((e: unknown) => e)).toMatchObject({
      code: 'TOO_MANY_ROWS',
      status: 400,
    });
    expect(await parseBulkCsv(big.split('\n').slice(0, 10_001).join('\n'))).toHaveLength(10_000);
  });

  it('turns odd JSON rows into rows that fail validation instead of failing the request', () => {
    expect(
      parseBulkJson({
        invitations: [
          { email: 'a@x.com', role: 'member', metadata: { a: 1 } },
          'nonsense',
          { email: 5 },
        ],
      }),
    ).toEqual([
      { row: 1, email: 'a@x.com', role: 'member', metadata: { a: 1 } },
      { row: 2, email: '', role: undefined, metadata: {} },
      { row: 3, email: '', role: undefined, metadata: {} },
    ]);
    expect(errorOf(() => parseBulkJson({ people: [] }))).toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });
});

describe('invitation status', () => {
  it('reports a pending invitation past its expiry as expired', () => {
    const past = new Date(Date.now() - 1000);
    const future = new Date(Date.now() + 60_000);
    expect(effectiveStatus({ status: 'pending', expiresAt: future })).toBe('pending');
    expect(effectiveStatus({ status: 'pending', expiresAt: past })).toBe('expired');
    expect(effectiveStatus({ status: 'accepted', expiresAt: past })).toBe('accepted');
  });
});

describe('seat usage', () => {
  it('counts members and live pending invitations against the plan or the subscription', async () => {
    await db.insert(organization).values({ id: 'o1', name: 'Seats', slug: 'seats' });
    await db.insert(user).values([
      { id: 'u1', name: 'A', email: 'a@x.com' },
      { id: 'u2', name: 'B', email: 'b@x.com' },
    ]);
    await db.insert(member).values([
      { id: 'm1', organizationId: 'o1', userId: 'u1', role: 'owner' },
      { id: 'm2', organizationId: 'o1', userId: 'u2', role: 'member' },
    ]);
    const base = { organizationId: 'o1', inviterId: 'u1', role: 'member' };
    await db.insert(invitation).values([
      {
        ...base,
        id: 'i1',
        email: 'c@x.com',
        tokenHash: 'h1',
        status: 'pending',
        expiresAt: new Date(Date.now() + 60_000),
      },
      {
        ...base,
        id: 'i2',
        email: 'd@x.com',
        tokenHash: 'h2',
        status: 'pending',
        expiresAt: new Date(Date.now() - 60_000),
      },
      {
        ...base,
        id: 'i3',
        email: 'e@x.com',
        tokenHash: 'h3',
        status: 'canceled',
        expiresAt: new Date(Date.now() + 60_000),
      },
    ]);
    expect(await seatUsage(db, 'o1')).toEqual({
      plan: 'free',
      limit: 5,
      members: 2,
      pending: 1,
      available: 2,
    });
    expect(
      await setOrganizationPlan({ organizationId: 'o1', plan: 'team', seats: 3 }),
    ).toMatchObject({ limit: 3, available: 0 });
    expect(
      await setOrganizationPlan({ organizationId: 'o1', plan: 'enterprise', seats: null }),
    ).toMatchObject({ limit: null, available: null });
    await expect(setOrganizationPlan({ organizationId: 'o1', plan: 'gold' })).rejects.toMatchObject(
      { code: 'VALIDATION_ERROR' },
    );
    await expect(
      setOrganizationPlan({ organizationId: 'o1', plan: 'team', seats: 0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
