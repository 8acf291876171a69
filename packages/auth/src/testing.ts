import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHashing } from './auth';
import { defineRoles, kitRoles } from './roles';

const { roles } = kitRoles.definition;

/**
 * The kit's roles plus `auditor`, which reads the activity log and nothing about members:
 * tests use it to prove that adding a role is an edit of the role set and nothing else.
 */
export const rolesWithAuditor = defineRoles({
  ...kitRoles.definition,
  roles: {
    ...roles,
    owner: { ...roles.owner, assigns: [...roles.owner.assigns, 'auditor'] },
    admin: { ...roles.admin, assigns: [...roles.admin.assigns, 'auditor'] },
    auditor: {
      label: 'Auditor',
      description: 'Sees the activity log; cannot manage people or settings.',
      permissions: { activity: ['read'] },
      assigns: [],
    },
  },
});

/** scrypt at a cost fit for tests: about 1 ms a hash instead of 0.2 s. */
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

const derive = (password: string, salt: string) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 64, CHEAP_SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/**
 * Password hashing for the kit's tests only: better-auth's scrypt layout (`salt:key`, hex) at a
 * cost 32 times lower. The suites sign up and sign in hundreds of people, and at the production
 * cost those hashes were a third of the API suite's CPU time. Never use it in an application.
 */
export const cheapPasswordHashing: PasswordHashing = {
  async hash(password) {
    const salt = randomBytes(16).toString('hex');
    return `${salt}:${(await derive(password, salt)).toString('hex')}`;
  },
  async verify({ hash, password }) {
    const [salt, key] = hash.split(':');
    if (!salt || !key) return false;
    const expected = Buffer.from(key, 'hex');
    const actual = await derive(password, salt);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
};
