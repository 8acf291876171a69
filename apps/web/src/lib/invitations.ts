import type { InferResponseType } from 'hono/client';
import { isApiError, type ApiError } from './api';
import { client, params, read } from './client';
import { validateEmail } from './validation';

const invitation = client.invitations[':token'];
const tokenParam = (token: string) => ({ param: params({ token }) });

/** What the accept page shows, from the invitation link's token. */
export type InvitationPreview = InferResponseType<typeof invitation.$get>;
export type AcceptedInvitation = InferResponseType<typeof invitation.accept.$post>;

export function fetchInvitationPreview(token: string, signal?: AbortSignal) {
  return read(invitation.$get(tokenParam(token), { init: { signal } }));
}

export function acceptInvitation(token: string) {
  return read(invitation.accept.$post(tokenParam(token)));
}

export function declineInvitation(token: string) {
  return read(invitation.decline.$post(tokenParam(token)));
}

export function signUpWithInvitation(token: string, input: { name: string; password: string }) {
  const request = {
    ...tokenParam(token),
    json: { name: input.name.trim(), password: input.password },
  };
  return read(invitation['sign-up'].$post(request));
}

/** "bob@example.com" → "b***@example.com": enough to recognise an address without revealing it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}

/** The invitation is no longer usable: which page to show instead. */
export type InvitationProblem =
  'not-found' | 'expired' | 'canceled' | 'replaced' | 'accepted' | 'declined';

const PROBLEMS: Record<string, InvitationProblem> = {
  INVITATION_NOT_FOUND: 'not-found',
  INVITATION_EXPIRED: 'expired',
  INVITATION_CANCELED: 'canceled',
  INVITATION_REPLACED: 'replaced',
  INVITATION_ALREADY_ACCEPTED: 'accepted',
  INVITATION_DECLINED: 'declined',
};

export function invitationProblem(error: unknown): InvitationProblem | null {
  if (!isApiError(error)) return null;
  return PROBLEMS[error.code] ?? (error.status === 404 ? 'not-found' : null);
}

/** The organization name and invited email a 410 answer carries in its details. */
export function problemDetails(error: ApiError): { organizationName?: string; email?: string } {
  const details = (error.details ?? {}) as Record<string, unknown>;
  return {
    organizationName:
      typeof details.organizationName === 'string' ? details.organizationName : undefined,
    email: typeof details.email === 'string' ? details.email : undefined,
  };
}

export type ParsedEmails = { emails: string[]; invalid: string[]; duplicates: string[] };

/**
 * Splits what someone typed or pasted into addresses: commas, semicolons, spaces and new lines
 * separate them, "Name <a@b.co>" is accepted, case-insensitive duplicates are dropped.
 */
export function parseEmailList(text: string): ParsedEmails {
  const emails: string[] = [];
  const invalid: string[] = [];
  const duplicates: string[] = [];
  const seen = new Set<string>();
  const tokens = text
    .split(/[,;\n\r]+/)
    .flatMap((part) => {
      const angle = /<([^<>]*)>/.exec(part);
      return angle ? [angle[1]!] : part.split(/\s+/);
    })
    .map((t) => t.trim())
    .filter(Boolean);
  for (const token of tokens) {
    const email = token.toLowerCase();
    if (validateEmail(email)) {
      if (!invalid.includes(token)) invalid.push(token);
      continue;
    }
    if (seen.has(email)) {
      if (!duplicates.includes(email)) duplicates.push(email);
      continue;
    }
    seen.add(email);
    emails.push(email);
  }
  return { emails, invalid, duplicates };
}
