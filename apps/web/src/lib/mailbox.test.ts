import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeLink, fetchMailbox, withTopLevelLinks } from './mailbox';

describe('withTopLevelLinks', () => {
  it('adds a base target inside an existing head', () => {
    expect(
      withTopLevelLinks('<!doctype html><html><head><title>x</title></head><body>hi</body></html>'),
    ).toBe(
      '<!doctype html><html><head><base target="_top"><title>x</title></head><body>hi</body></html>',
    );
    expect(withTopLevelLinks('<html lang="en"><HEAD lang="en"></HEAD></html>')).toBe(
      '<html lang="en"><HEAD lang="en"><base target="_top"></HEAD></html>',
    );
  });

  it('creates a head when there is only an html element', () => {
    expect(withTopLevelLinks('<html><body>hi</body></html>')).toBe(
      '<html><head><base target="_top"></head><body>hi</body></html>',
    );
  });

  it('prefixes a fragment', () => {
    expect(withTopLevelLinks('<p>hi</p>')).toBe('<base target="_top"><p>hi</p>');
  });

  it('does not mistake <header> for <head>', () => {
    expect(withTopLevelLinks('<header>x</header>')).toBe('<base target="_top"><header>x</header>');
  });
});

describe('describeLink', () => {
  it('names the auth links the API sends', () => {
    expect(
      describeLink('http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=/dashboard'),
    ).toBe('Verify email');
    expect(describeLink('http://localhost:3000/api/auth/reset-password/tok?callbackURL=x')).toBe(
      'Reset password',
    );
    expect(describeLink('https://example.com/pricing')).toBeNull();
  });
});

describe('fetchMailbox', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns the messages, filtered by recipient', async () => {
    const fetchMock = vi.fn((_path: string) =>
      Promise.resolve(Response.json({ messages: [{ id: 'm1' }] })),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(fetchMailbox(' a+b@example.com ')).resolves.toEqual({
      status: 'ok',
      messages: [{ id: 'm1' }],
    });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/dev/mailbox?to=a%2Bb%40example.com');
  });

  it('reports a disabled mailbox on 404', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json({ error: { code: 'NOT_FOUND', message: 'No route' } }, { status: 404 }),
      ),
    );
    await expect(fetchMailbox('')).resolves.toEqual({ status: 'disabled' });
  });

  it('reports other API errors', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json(
          { error: { code: 'VALIDATION_ERROR', message: 'Invalid mailbox query' } },
          { status: 400 },
        ),
      ),
    );
    await expect(fetchMailbox('x')).resolves.toEqual({
      status: 'error',
      message: 'Invalid mailbox query',
    });
  });
});
