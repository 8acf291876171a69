import type {
  DomainSuggestion,
  EnrollmentMode,
  OrganizationDomainView,
  InviteLinkPreview,
  InviteLinkView,
  JoinRequestView,
} from '@kit/organization/contracts';
import { api, isApiError, type ApiError } from './api';

// The API's shapes come from the server's own contracts (types only: nothing is bundled).
export type InviteLink = InviteLinkView;
export type JoinRequest = JoinRequestView;
export type { DomainSuggestion, EnrollmentMode, InviteLinkPreview };
export type OrganizationDomain = OrganizationDomainView;

export interface NewInviteLink {
  role: string;
  expiresInDays: number;
  maxUses: number | null;
  allowedDomains: string[];
  requiresApproval: boolean;
}

const orgBase = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

export const fetchInviteLinks = (orgId: string) =>
  api<{ links: InviteLink[] }>(`${orgBase(orgId)}/invite-links`).then((r) => r.links);

export const createInviteLink = (orgId: string, input: NewInviteLink) =>
  api<{ link: InviteLink; url: string }>(`${orgBase(orgId)}/invite-links`, { body: input });

export const revokeInviteLink = (orgId: string, linkId: string) =>
  api<{ link: InviteLink }>(`${orgBase(orgId)}/invite-links/${encodeURIComponent(linkId)}`, {
    method: 'DELETE',
  }).then((r) => r.link);

export const fetchJoinRequests = (orgId: string, status = 'pending') =>
  api<{ requests: JoinRequest[] }>(
    `${orgBase(orgId)}/join-requests?status=${encodeURIComponent(status)}`,
  ).then((r) => r.requests);

export const approveJoinRequest = (orgId: string, requestId: string, role: string) =>
  api<{ member: { id: string; role: string }; request: JoinRequest }>(
    `${orgBase(orgId)}/join-requests/${encodeURIComponent(requestId)}/approve`,
    { body: { role } },
  );

export const rejectJoinRequest = (orgId: string, requestId: string, reason: string) =>
  api<{ request: JoinRequest }>(
    `${orgBase(orgId)}/join-requests/${encodeURIComponent(requestId)}/reject`,
    { body: reason.trim() ? { reason: reason.trim() } : {} },
  ).then((r) => r.request);

export const fetchMyJoinRequests = () =>
  api<{ requests: JoinRequest[] }>('/api/me/join-requests').then((r) => r.requests);

export const withdrawJoinRequest = (requestId: string) =>
  api<{ request: JoinRequest }>(`/api/join-requests/${encodeURIComponent(requestId)}/withdraw`, {
    body: {},
  }).then((r) => r.request);

const joinPath = (token: string) => `/api/join/${encodeURIComponent(token)}`;

export const fetchInviteLinkPreview = (token: string, signal?: AbortSignal) =>
  api<InviteLinkPreview>(joinPath(token), { signal });

export type JoinResult =
  | {
      organization: { id: string; name: string; slug: string };
      member: { id: string; role: string };
    }
  | { request: JoinRequest };

export const joinWithLink = (token: string, message?: string) =>
  api<JoinResult>(joinPath(token), { body: message?.trim() ? { message: message.trim() } : {} });

export const signUpWithLink = (
  token: string,
  input: { name: string; email: string; password: string },
) =>
  api<{ user: { id: string; name: string; email: string }; verificationRequired: true }>(
    `${joinPath(token)}/sign-up`,
    { body: { name: input.name.trim(), email: input.email.trim(), password: input.password } },
  );

/** The dead states of a link, each with its own page. */
export type LinkProblem = 'not-found' | 'revoked' | 'expired' | 'used-up' | 'wrong-domain';

const PROBLEMS: Record<string, LinkProblem> = {
  INVITE_LINK_NOT_FOUND: 'not-found',
  INVITE_LINK_REVOKED: 'revoked',
  INVITE_LINK_EXPIRED: 'expired',
  INVITE_LINK_USED_UP: 'used-up',
  EMAIL_DOMAIN_NOT_ALLOWED: 'wrong-domain',
};

export function linkProblem(error: unknown): LinkProblem | null {
  if (!isApiError(error)) return null;
  return PROBLEMS[error.code] ?? null;
}

export function linkProblemDetails(error: ApiError): {
  organizationName?: string;
  allowedDomains: string[];
} {
  const details = (error.details ?? {}) as Record<string, unknown>;
  return {
    organizationName:
      typeof details.organizationName === 'string' ? details.organizationName : undefined,
    allowedDomains: Array.isArray(details.allowedDomains)
      ? details.allowedDomains.filter((d): d is string => typeof d === 'string')
      : [],
  };
}

/** "3 of 10 uses", "4 uses". */
export const usageText = (link: Pick<InviteLink, 'uses' | 'maxUses'>) =>
  link.maxUses === null
    ? `${link.uses} ${link.uses === 1 ? 'use' : 'uses'}`
    : `${link.uses} of ${link.maxUses} uses`;

/** Splits "acme.com, @eu.acme.com" into domains, lower-cased, without @. */
export const parseDomains = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean),
  ),
];

export const fetchDomains = (orgId: string) =>
  api<{ domains: OrganizationDomain[] }>(`${orgBase(orgId)}/domains`).then((r) => r.domains);

/** Adds the domain, or sends a new code for one not verified yet. */
export const addDomain = (orgId: string, input: { domain: string; email: string }) =>
  api<{ domain: OrganizationDomain }>(`${orgBase(orgId)}/domains`, {
    body: { domain: input.domain.trim(), email: input.email.trim() },
  }).then((r) => r.domain);

export const verifyDomain = (orgId: string, domainId: string, code: string) =>
  api<{ domain: OrganizationDomain }>(
    `${orgBase(orgId)}/domains/${encodeURIComponent(domainId)}/verify`,
    { body: { code: code.trim() } },
  ).then((r) => r.domain);

export const setEnrollmentMode = (
  orgId: string,
  domainId: string,
  enrollmentMode: EnrollmentMode,
) =>
  api<{ domain: OrganizationDomain }>(`${orgBase(orgId)}/domains/${encodeURIComponent(domainId)}`, {
    method: 'PATCH',
    body: { enrollmentMode },
  }).then((r) => r.domain);

export const removeDomain = (orgId: string, domainId: string) =>
  api<null>(`${orgBase(orgId)}/domains/${encodeURIComponent(domainId)}`, { method: 'DELETE' });

export const fetchSuggestions = () =>
  api<{ suggestions: DomainSuggestion[] }>('/api/me/suggestions').then((r) => r.suggestions);

export const joinSuggestion = (domainId: string) =>
  api<JoinResult>(`/api/me/suggestions/${encodeURIComponent(domainId)}/join`, { body: {} });

export const ENROLLMENT_MODE_LABELS: Record<
  EnrollmentMode,
  { label: string; description: string }
> = {
  manual: { label: 'Manual', description: 'Nothing automatic: people join by invitation or link.' },
  automatic_invitation: {
    label: 'Automatic invitation',
    description:
      'People with a verified address at the domain see an invitation and join in one click.',
  },
  automatic_suggestion: {
    label: 'Automatic suggestion',
    description:
      'People with a verified address at the domain see the organization and can ask to join.',
  },
};
