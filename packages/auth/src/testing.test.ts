import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { cheapPasswordHashing } from './testing';

describe('cheapPasswordHashing (tests only)', () => {
  it('accepts the password it hashed and refuses any other', async () => {
    const hash = await cheapPasswordHashing.hash('correct horse battery');
    expect(hash).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await cheapPasswordHashing.verify({ hash, password: 'correct horse battery' })).toBe(
      true,
    );
    expect(await cheapPasswordHashing.verify({ hash, password: 'correct horse batterY' })).toBe(
      false,
    );
    expect(await cheapPasswordHashing.verify({ hash: 'not-a-hash', password: 'x' })).toBe(false);
  });

  it('salts every hash, and is not the production cost: neither side accepts the other', async () => {
    const cheap = await cheapPasswordHashing.hash('correct horse battery');
    expect(await cheapPasswordHashing.hash('correct horse battery')).not.toBe(cheap);
    const production = await hashPassword('correct horse battery');
    expect(await verifyPassword({ hash: cheap, password: 'correct horse battery' })).toBe(false);
    expect(
      await cheapPasswordHashing.verify({ hash: production, password: 'correct horse battery' }),
    ).toBe(false);
  });
});
