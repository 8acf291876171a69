import { describe, expect, it } from 'vitest';
import {
  accountDeletedEmail,
  emailChangeNoticeEmail,
  emailChangeVerificationEmail,
  existingAccountEmail,
  extractLinks,
} from './index';

describe('account emails', () => {
  it('email change, new address: names the address, carries the confirm link', async () => {
    const url = 'http://localhost:3000/api/auth/verify-email?token=t&callbackURL=%2Faccount';
    const email = await emailChangeVerificationEmail({
      productName: 'Orbit',
      name: 'Ada',
      newEmail: 'ada@new.test',
      url,
    });
    expect(email.subject).toBe('Confirm your new Orbit email address');
    expect(email.text).toContain('Hi Ada, you asked to sign in to Orbit with ada@new.test');
    expect(email.text).toContain(`Confirm new address: ${url}`);
    expect(extractLinks(email.html)).toEqual([url]);
  });

  it('email change, old address: names the new address and how to stop it', async () => {
    const email = await emailChangeNoticeEmail({
      productName: 'Orbit',
      name: 'Ada <L>',
      newEmail: 'ada@new.test',
      url: 'http://localhost:3000/forgot-password',
    });
    expect(email.subject).toBe('A change of your Orbit email address was requested');
    expect(email.text).toContain('change its email address to ada@new.test');
    expect(email.text).toContain('Reset your password: http://localhost:3000/forgot-password');
    expect(email.html).toContain('Ada &lt;L&gt;');
  });

  it('existing account: sign in, or reset the password', async () => {
    const email = await existingAccountEmail({
      productName: 'Orbit',
      name: 'Ada',
      url: 'http://localhost:3000/sign-in',
    });
    expect(email.subject).toBe('You already have an account with Orbit');
    expect(email.text).toContain('no new account was created');
    expect(email.text).toContain('Forgot password?');
    expect(email.text).toContain('Sign in: http://localhost:3000/sign-in');
  });

  it('account deleted: says what is gone and what organizations keep', async () => {
    const email = await accountDeletedEmail({
      productName: 'Orbit',
      name: 'Ada',
      url: 'http://localhost:3000/',
    });
    expect(email.subject).toBe('Your Orbit account was deleted');
    expect(email.text).toContain('removed from every organization');
    expect(email.text).toContain('show a deleted user instead of your name');
  });
});
