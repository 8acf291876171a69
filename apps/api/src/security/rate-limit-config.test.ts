import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidEnvironmentError } from '@kit/database';
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_DEFAULTS, rateLimitConfig } from './rate-limits';

describe('rateLimitConfig', () => {
  it('has defaults for everything', () => {
    const limits = rateLimitConfig({});
    expect(limits.signIn.perEmail).toEqual({ max: 10, windowMs: 15 * 60_000 });
    expect(limits.passwordReset.perEmail).toEqual({ max: 3, windowMs: 3_600_000 });
    expect(limits.invitations.resendCooldownMs).toBe(60_000);
    expect(limits.invitations.perAddress).toEqual({ max: 10, windowMs: 86_400_000 });
  });

  it('takes overrides from the environment', () => {
    const limits = rateLimitConfig({
      RATE_LIMIT_SIGN_IN_PER_IP: '5/1m',
      RATE_LIMIT_INVITATION_RESEND_COOLDOWN: '0s',
    });
    expect(limits.signIn.perIp).toEqual({ max: 5, windowMs: 60_000 });
    expect(limits.invitations.resendCooldownMs).toBe(0);
  });

  it('names every malformed variable', () => {
    const read = () =>
      rateLimitConfig({
        RATE_LIMIT_SIGN_UP_PER_EMAIL: 'lots',
        RATE_LIMIT_INVITATION_RESEND_COOLDOWN: 'soon',
      });
    expect(read).toThrow(InvalidEnvironmentError);
    expect(read).toThrow(/RATE_LIMIT_SIGN_UP_PER_EMAIL must be "max\/window"/);
    expect(read).toThrow(/RATE_LIMIT_INVITATION_RESEND_COOLDOWN must be a duration/);
  });

  it('documents every variable in the README and .env.example', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const example = readFileSync(`${root}.env.example`, 'utf8');
    const variables = Object.keys(RATE_LIMIT_DEFAULTS);
    // The README's table names a pair as `RATE_LIMIT_X_PER_IP` / `…_PER_EMAIL`.
    const inReadme = (name: string) => {
      const suffix = /_PER_[A-Z]+$/.exec(name)?.[0];
      const stem = suffix ? name.slice(0, -suffix.length) : name;
      return readme
        .split('\n')
        .some(
          (line) =>
            line.includes(name) ||
            (!!suffix && line.includes(`${stem}_PER_`) && line.includes(`…${suffix}`)),
        );
    };
    expect(variables.filter((name) => !inReadme(name))).toEqual([]);
    expect(variables.filter((name) => !example.includes(name))).toEqual([]);
  });
});
