import type { InferResponseType } from 'hono/client';
import { isApiError } from './api';
import { mailboxClient, read } from './client';

/** An e-mail the development mailbox stored. */
export type MailboxMessage = InferResponseType<typeof mailboxClient.index.$get>['messages'][number];

export type MailboxResult =
  | { status: 'ok'; messages: MailboxMessage[] }
  | { status: 'disabled' }
  | { status: 'error'; message: string };

/** The development mailbox; `disabled` when the API sends real e-mail (the route answers 404). */
export async function fetchMailbox(to: string, signal?: AbortSignal): Promise<MailboxResult> {
  try {
    const request = { query: { to: to.trim() } };
    const data = await read(mailboxClient.index.$get(request, { init: { signal } }));
    return { status: 'ok', messages: data?.messages ?? [] };
  } catch (error) {
    if (isApiError(error) && error.status === 404) return { status: 'disabled' };
    if (isApiError(error)) return { status: 'error', message: error.message };
    throw error;
  }
}

/**
 * Makes links in an e-mail preview open in the whole tab rather than inside the sandboxed frame,
 * as they would from a mail client: adds `<base target="_top">` to the document's head.
 */
export function withTopLevelLinks(html: string): string {
  const base = '<base target="_top">';
  if (/<head[\s>]/i.test(html))
    return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}${base}`);
  if (/<html[\s>]/i.test(html))
    return html.replace(/<html(\s[^>]*)?>/i, (tag) => `${tag}<head>${base}</head>`);
  return `${base}${html}`;
}

/** A short name for a link found in an e-mail, from where it points. */
export function describeLink(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href, 'http://localhost');
  } catch {
    return null;
  }
  const path = url.pathname;
  if (path.includes('/verify-email')) return 'Verify email';
  if (path.includes('/reset-password')) return 'Reset password';
  if (path.includes('invitation') || path.includes('/invite')) return 'Invitation';
  if (path.includes('/sign-in')) return 'Sign in';
  return null;
}
