import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FROM,
  emailEnv,
  extractLinks,
  getMailer,
  listMailbox,
  verificationEmail,
} from './index';

describe('mailer', () => {
  it('defaults to the mailbox transport and stores what it sends', async () => {
    expect(getMailer().transport).toBe('mailbox');
    const content = await verificationEmail({
      name: 'Ada <admin>',
      url: 'http://localhost:3000/v?token=a&b=c',
      productName: 'Orbit',
    });
    await getMailer().send({ to: 'Ada@Example.com', ...content });
    const [message] = await listMailbox({ to: 'ada@example.com' });
    expect(message).toMatchObject({
      to: 'ada@example.com',
      from: DEFAULT_FROM,
      subject: 'Confirm your email for Orbit',
    });
    expect(message?.html).toContain('Ada &lt;admin&gt;');
    expect(message?.text).toContain('Confirm email: http://localhost:3000/v?token=a&b=c');
    expect(message?.text).not.toContain('&amp;');
    expect(message?.links).toEqual(['http://localhost:3000/v?token=a&b=c']);
  });

  it('extracts each distinct http link, decoding entities', () => {
    expect(
      extractLinks(
        '<a href="https://a.test/x?y=1&amp;z=2">a</a><a href="mailto:x@y">m</a><a href="https://a.test/x?y=1&#38;z=2">b</a>',
      ),
    ).toEqual(['https://a.test/x?y=1&z=2']);
  });
});

describe('email environment', () => {
  const withEnv = (vars: Record<string, string | undefined>, fn: () => void) => {
    const saved = { ...process.env };
    Object.assign(process.env, vars);
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
    try {
      fn();
    } finally {
      process.env = saved;
    }
  };

  it('picks resend when an API key is set', () => {
    withEnv({ RESEND_API_KEY: 're_test', EMAIL_TRANSPORT: undefined }, () => {
      expect(emailEnv().transport).toBe('resend');
    });
  });

  it('requires an explicit transport and sender in production, naming each variable', () => {
    withEnv({ NODE_ENV: 'production', EMAIL_TRANSPORT: undefined, EMAIL_FROM: undefined }, () => {
      expect(() => emailEnv()).toThrow(/EMAIL_TRANSPORT.*\n.*EMAIL_FROM/s);
    });
  });

  it('rejects an unknown transport', () => {
    withEnv({ EMAIL_TRANSPORT: 'carrier-pigeon' }, () => {
      expect(() => emailEnv()).toThrow(/EMAIL_TRANSPORT/);
    });
  });
});
