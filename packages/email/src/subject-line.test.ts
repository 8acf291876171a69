import { describe, expect, it } from 'vitest';
import { invitationEmail } from './emails';

describe('email subjects', () => {
  it('stay on one line whatever the names inside them hold', async () => {
    const email = await invitationEmail({
      organizationName: 'Acme\r\nBcc: victim@example.test',
      inviterName: 'Eve\nX-Injected: 1',
      inviterEmail: 'eve@example.test',
      role: 'member',
      url: 'https://app.example.test/invite/abc',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Acme Bcc: victim@example.test');
  });
});
