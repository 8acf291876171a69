import { brand } from '@kit/brand';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { testClient } from './testing/client';

const { app } = createTestKit();

describe('the API surface', () => {
  const client = testClient(app);

  it('reports database health', async () => {
    const response = await client.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await client.get('/api/does-not-exist');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /api/does-not-exist' },
    });
    const auth = await client.get('/api/auth/not-a-route');
    expect(auth.status).toBe(404);
    expect(auth.body.error.code).toBe('NOT_FOUND');
  });

  it('describes the deployment to the web app', async () => {
    const response = await client.get('/api/config');
    expect(response.body).toEqual({
      productName: brand.name,
      signupMode: 'open',
      emailTransport: 'mailbox',
    });
  });

  it('lists the dev mailbox newest first, with links, filtered by recipient', async () => {
    const { getMailer } = await import('@kit/email');
    await getMailer().send({
      to: 'a@example.com',
      subject: 'First',
      html: '<a href="http://x.test/1?a=1&amp;b=2">go</a>',
      text: 'first',
    });
    await new Promise((r) => setTimeout(r, 5));
    await getMailer().send({
      to: 'A@example.com',
      subject: 'Second',
      html: '<p>no links</p>',
      text: 'second',
    });
    await getMailer().send({ to: 'b@example.com', subject: 'Other', html: '', text: '' });
    const response = await client.get('/api/dev/mailbox?to=a@example.com');
    expect(response.status).toBe(200);
    expect(response.body.messages.map((m: { subject: string }) => m.subject)).toEqual([
      'Second',
      'First',
    ]);
    expect(response.body.messages[1]).toMatchObject({
      to: 'a@example.com',
      text: 'first',
      links: ['http://x.test/1?a=1&b=2'],
      createdAt: expect.stringMatching(/^\d{4}-/),
      id: expect.any(String),
      html: expect.stringContaining('<a href'),
    });
    const invalid = await client.get('/api/dev/mailbox?limit=0');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
  });
});
