import type { EnrollmentMode } from '@kit/organization/contracts';
import type { InferResponseType } from 'hono/client';
import { isApiError, type ApiError } from './api';
import { client, params, read, type JsonBody, type QueryOf } from './client';

export type { EnrollmentMode };

const org = client.organizations[':orgId'];
const links = org['invite-links'];
const requests = org['join-requests'];
const domains = org.domains;
const join = client.join[':token'];
const orgParam = (orgId: string) => ({ param: params({ orgId }) });

// The API's answers, typed from its routes.
export type InviteLink = InferResponseType<typeof links.$get>['links'][number];
export type JoinRequest = InferResponseType<typeof requests.$get>['requests'][number];
export type OrganizationDomain = InferResponseType<typeof domains.$get>['domains'][number];
export type DomainSuggestion = InferResponseType<
  typeof client.me.suggestions.$get
>['suggestions'][number];
export type InviteLinkPreview = InferResponseType<typeof join.$get>;
/** Joined at once, or a request waiting for approval (202). */
export type JoinResult = InferResponseType<typeof join.$post>;

export type NewInviteLink = JsonBody<
  typeof links.$post,
  {
    role: string;
    expiresInDays: number;
    maxUses: number | null;
    allowedDomains: string[];
    requiresApproval: boolean;
  }
>;

export const fetchInviteLinks = (orgId: string) =>
  read(links.$get(orgParam(orgId))).then((r) => r.links);

export const createInviteLink = (orgId: string, input: NewInviteLink) => {
  const request = { ...orgParam(orgId), json: input };
  return read(links.$post(request));
};

export const revokeInviteLink = (orgId: string, linkId: string) =>
  read(links[':linkId'].$delete({ param: params({ orgId, linkId }) })).then((r) => r.link);

type JoinRequestFilter = NonNullable<QueryOf<typeof requests.$get, { status?: string }>['status']>;

export const fetchJoinRequests = (orgId: string, status: JoinRequestFilter = 'pending') => {
  const request = { ...orgParam(orgId), query: { status } };
  return read(requests.$get(request)).then((r) => r.requests);
};

export const approveJoinRequest = (orgId: string, requestId: string, role: string) => {
  const request = { param: params({ orgId, requestId }), json: { role } };
  return read(requests[':requestId'].approve.$post(request));
};

export const rejectJoinRequest = (orgId: string, requestId: string, reason: string) => {
  const request = {
    param: params({ orgId, requestId }),
    json: reason.trim() ? { reason: reason.trim() } : {},
  };
  return read(requests[':requestId'].reject.$post(request)).then((r) => r.request);
};

export const fetchMyJoinRequests = () =>
  read(client.me['join-requests'].$get()).then((r) => r.requests);

export const withdrawJoinRequest = (requestId: string) =>
  read(client['join-requests'][':requestId'].withdraw.$post({ param: params({ requestId }) })).then(
    (r) => r.request,
  );

const tokenParam = (token: string) => ({ param: params({ token }) });

export const fetchInviteLinkPreview = (token: string, signal?: AbortSignal) =>
  read(join.$get(tokenParam(token), { init: { signal } }));

export const joinWithLink = (token: string, message?: string) => {
  const request = {
    ...tokenParam(token),
    json: message?.trim() ? { message: message.trim() } : {},
  };
  return read(join.$post(request));
};

export const signUpWithLink = (
  token: string,
  input: { name: string; email: string; password: string },
) => {
  const request = {
    ...tokenParam(token),
    json: { name: input.name.trim(), email: input.email.trim(), password: input.password },
  };
  return read(join['sign-up'].$post(request));
};

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
  read(domains.$get(orgParam(orgId))).then((r) => r.domains);

/** Adds the domain, or sends a new code for one not verified yet. */
export const addDomain = (orgId: string, input: { domain: string; email: string }) => {
  const request = {
    ...orgParam(orgId),
    json: { domain: input.domain.trim(), email: input.email.trim() },
  };
  return read(domains.$post(request)).then((r) => r.domain);
};

export const verifyDomain = (orgId: string, domainId: string, code: string) => {
  const request = { param: params({ orgId, domainId }), json: { code: code.trim() } };
  return read(domains[':domainId'].verify.$post(request)).then((r) => r.domain);
};

export const setEnrollmentMode = (
  orgId: string,
  domainId: string,
  enrollmentMode: EnrollmentMode,
) => {
  const request = { param: params({ orgId, domainId }), json: { enrollmentMode } };
  return read(domains[':domainId'].$patch(request)).then((r) => r.domain);
};

export const removeDomain = (orgId: string, domainId: string) =>
  read(domains[':domainId'].$delete({ param: params({ orgId, domainId }) }));

export const fetchSuggestions = () => read(client.me.suggestions.$get()).then((r) => r.suggestions);

export const joinSuggestion = (domainId: string) =>
  read(client.me.suggestions[':domainId'].join.$post({ param: params({ domainId }), json: {} }));

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
