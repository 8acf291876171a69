import { brand } from '@kit/brand';
import { describe, expect, it } from 'vitest';
import {
  extractLinks,
  invitationAcceptedEmail,
  invitationEmail,
  invitationEmails,
  loadTemplate,
  passwordResetEmail,
  renderEmail,
  renderTemplateEmails,
  templateNames,
  verificationEmail,
  welcomeEmail,
  type InvitationEmailProps,
} from './index';

const invitation: InvitationEmailProps = {
  productName: 'Orbit',
  organizationName: 'Acme & Sons <EU>',
  inviterName: 'Olivia "Liv" Owner',
  inviterEmail: 'olivia@acme.test',
  role: 'admin',
  url: 'http://localhost:3000/invite/tok_123?a=1&b="2"',
  expiresAt: new Date('2030-01-07T12:00:00Z'),
};

/** The HTML with tags removed and entities decoded: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<!--.*?-->/g, '')
    .replace(/<(?:strong|span)[^>]*>|<\/(?:strong|span)>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('invitation email', () => {
  it('names the organization, the inviter and their address, the role, the link and the expiry, in HTML and text', async () => {
    const email = await invitationEmail(invitation);
    expect(email.subject).toBe('Olivia "Liv" Owner invited you to join Acme & Sons <EU> on Orbit');
    for (const body of [visible(email.html), email.text]) {
      expect(body).toContain('Acme & Sons <EU>');
      expect(body).toContain('Olivia "Liv" Owner (olivia@acme.test)');
      expect(body).toContain('as an admin');
      expect(body).toContain('expires on Monday, January 7, 2030');
      expect(body).toContain("If you weren't expecting this invitation");
    }
    // An accept button and the same link in plain text, escaped in HTML and raw in text.
    expect(email.html).toMatch(
      /<a href="[^"]+" data-action-label="Accept invitation"[^>]*>.*?>Accept invitation<\/span>/,
    );
    expect(email.html).toContain('Or copy and paste this link into your browser:');
    expect(
      email.html.match(/href="http:\/\/localhost:3000\/invite\/tok_123\?a=1&amp;b=&quot;2&quot;"/g),
    ).toHaveLength(2);
    expect(extractLinks(email.html)).toEqual([invitation.url]);
    expect(email.text).toContain(`Accept invitation: ${invitation.url}`);
    // User input never becomes markup.
    expect(email.html).not.toContain('<EU>');
    expect(email.html).toContain('Acme &amp; Sons &lt;EU&gt;');
  });

  it('reads well without an inviter address and with a role starting with a consonant', async () => {
    const email = await invitationEmail({
      ...invitation,
      inviterName: 'The Orbit team',
      inviterEmail: null,
      role: 'member',
    });
    expect(email.text).toContain(
      'The Orbit team invited you to join Acme & Sons <EU> as a member.',
    );
    expect(email.text).not.toContain('(');
  });

  it('renders many at once exactly like one at a time, each with its own link', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      ...invitation,
      role: i % 3 === 0 ? 'admin' : 'member',
      url: `http://localhost:3000/invite/t${i}?x=<${i}>&y='${i}'`,
    }));
    const started = performance.now();
    const many = await invitationEmails(rows);
    const elapsed = performance.now() - started;
    expect(many).toHaveLength(300);
    for (const i of [0, 1, 2, 150, 299]) {
      expect(many[i]).toEqual(await invitationEmail(rows[i]!));
      expect(extractLinks(many[i]!.html)).toEqual([rows[i]!.url]);
    }
    expect(new Set(many.map((m) => m.html)).size).toBe(300);
    // Rendered twice per role (once with placeholders, once to check), not 300 times.
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('invitations delivered one at a time', () => {
  it('each reads exactly as if rendered alone: its own link, expiry day, organization and brand', async () => {
    const base = { ...invitation, productName: 'Orbit' };
    const rows = [
      base,
      { ...base, url: 'http://localhost:3000/invite/second?z=<1>' },
      // Another instant of the same day, then another day.
      {
        ...base,
        url: 'http://localhost:3000/invite/third',
        expiresAt: new Date('2030-01-07T23:59:59Z'),
      },
      {
        ...base,
        url: 'http://localhost:3000/invite/fourth',
        expiresAt: new Date('2030-01-08T00:00:00Z'),
      },
      { ...base, url: 'http://localhost:3000/invite/fifth', organizationName: 'Other Org' },
    ];
    for (const row of rows) {
      const [delivered] = await renderTemplateEmails('invitation', [row]);
      expect(delivered).toEqual(await invitationEmail(row));
    }
    const [fourth] = await renderTemplateEmails('invitation', [rows[3]!]);
    expect(fourth!.text).toContain('expires on Tuesday, January 8, 2030');

    const saved = { ...process.env };
    process.env.EMAIL_LOGO_URL = 'https://cdn.rocket.test/logo.png';
    try {
      const [withLogo] = await renderTemplateEmails('invitation', [rows[1]!]);
      expect(withLogo!.html).toContain('src="https://cdn.rocket.test/logo.png"');
      expect(withLogo).toEqual(await invitationEmail(rows[1]!));
    } finally {
      process.env = saved;
    }
  });
});

describe('the other emails', () => {
  it('invitation accepted: tells the inviter who joined, as what, with a link to the members', async () => {
    const email = await invitationAcceptedEmail({
      organizationName: 'Acme',
      inviterName: 'Olivia Owner',
      memberName: 'Bob Builder',
      memberEmail: 'bob@acme.test',
      role: 'member',
      url: 'http://localhost:3000/orgs/acme/members',
    });
    expect(email.subject).toBe('Bob Builder joined Acme');
    for (const body of [visible(email.html), email.text]) {
      expect(body).toContain('Hi Olivia Owner');
      expect(body).toContain(
        'Bob Builder (bob@acme.test) accepted your invitation and joined Acme as a member.',
      );
    }
    expect(email.text).toContain('View members: http://localhost:3000/orgs/acme/members');
  });

  it('verification: the confirm link, the name, and what to do if unexpected', async () => {
    const url = 'http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2Fdashboard';
    const email = await verificationEmail({ name: 'Ada <Lovelace>', url });
    expect(email.subject).toBe(`Confirm your email for ${brand.name}`);
    expect(email.html).toContain('Ada &lt;Lovelace&gt;');
    expect(email.text).toContain(`Hi Ada <Lovelace>, thanks for signing up for ${brand.name}.`);
    expect(email.text).toContain(`Confirm email: ${url}`);
    expect(extractLinks(email.html)).toEqual([url]);
    expect(email.text).toContain("If you didn't create an account");
  });

  it('password reset: the reset link and the reassurance', async () => {
    const url = 'http://localhost:3000/api/auth/reset-password/tok?callbackURL=%2Freset-password';
    const email = await passwordResetEmail({ name: 'Ada', url, productName: 'Acme App' });
    expect(email.subject).toBe('Reset your Acme App password');
    expect(email.text).toContain(`Choose a new password: ${url}`);
    expect(extractLinks(email.html)).toEqual([url]);
    expect(visible(email.html)).toContain('your password stays the same');
  });

  it('welcome: greets by name and links to the app', async () => {
    const email = await welcomeEmail({ name: 'Ada', url: 'http://localhost:3000/dashboard' });
    expect(email.subject).toBe(`Welcome to ${brand.name}`);
    expect(email.text).toContain(`Welcome to ${brand.name}, Ada`);
    expect(email.text).toContain(`Open ${brand.name}: http://localhost:3000/dashboard`);
  });

  it('takes the product name, sender and logo from the brand (APP_NAME, EMAIL_LOGO_URL)', async () => {
    const saved = { ...process.env };
    process.env.APP_NAME = 'Rocket';
    process.env.EMAIL_LOGO_URL = 'https://cdn.rocket.test/logo.png';
    try {
      const email = await welcomeEmail({ name: 'Ada', url: 'http://localhost:3000/' });
      expect(email.subject).toBe('Welcome to Rocket');
      expect(email.html).toContain('src="https://cdn.rocket.test/logo.png"');
      expect(email.html).toContain('alt="Rocket"');
    } finally {
      process.env = saved;
    }
  });
});

describe('every template', () => {
  it.each(templateNames)(
    '%s renders its PreviewProps (what `pnpm email:dev` shows) as HTML and text',
    async (name) => {
      const template = await loadTemplate(name);
      expect(template.default.PreviewProps).toBeDefined();
      const email = await renderEmail(name, template.default.PreviewProps!);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(/^<!DOCTYPE html/);
      expect(email.html).toContain('lang="en"');
      expect(email.text.length).toBeGreaterThan(50);
      expect(email.text).not.toMatch(/<[a-z]/i);
      expect(extractLinks(email.html).length).toBe(1);
      // No markers of React's streaming renderer (hydration boundaries, text separators).
      expect(email.html).not.toMatch(/<!--(?:\$|\/\$| |html|head|body)-->/);
    },
  );
});
