import { liveHandle } from '@kit/policies';
import type {
  InvitationAcceptContext,
  InvitationCancelContext,
  InvitationCreateContext,
  JoinRequestApproveContext,
  JoinRequestCreateContext,
  PolicyDatabase,
} from '../types';

/**
 * Context builders for policy unit tests: a complete, valid context with the given fields
 * replaced. No database is needed; a policy that queries one gets `db` in the overrides
 * (e.g. a test database's `db` wrapped with `liveHandle`), and a clear error without it.
 */

const organization = { id: 'org_test', name: 'Acme', slug: 'acme' };
const acting = { userId: 'user_owner', name: 'Olivia Owner', email: 'olivia@acme.test' };

/** A `db` that explains itself when a policy uses it in a database-free test. */
export const noDatabase: PolicyDatabase = liveHandle(
  new Proxy({} as object, {
    get(_target, property) {
      if (property === 'then') return undefined;
      throw new Error(
        `This policy used context.db.${String(property)}, but the test context has no database. ` +
          'Pass one: invitationCreateContext({ db: liveHandle(testDb) }).',
      );
    },
  }),
) as PolicyDatabase;

export function invitationCreateContext(
  overrides: Partial<InvitationCreateContext> = {},
): InvitationCreateContext {
  return {
    organizationId: organization.id,
    organization,
    inviter: { ...acting, role: 'owner' },
    email: 'new.member@acme.test',
    role: 'member',
    metadata: {},
    source: 'api',
    db: noDatabase,
    ...overrides,
  };
}

const pendingInvitation = () => ({
  id: 'inv_test',
  email: 'new.member@acme.test',
  role: 'member' as const,
  inviterId: acting.userId,
  metadata: {},
  expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
});

export function invitationAcceptContext(
  overrides: Partial<InvitationAcceptContext> = {},
): InvitationAcceptContext {
  return {
    organizationId: organization.id,
    organization,
    invitation: pendingInvitation(),
    user: { id: 'user_invitee', name: 'Nina New', email: 'new.member@acme.test' },
    source: 'api',
    db: noDatabase,
    ...overrides,
  };
}

export function invitationCancelContext(
  overrides: Partial<InvitationCancelContext> = {},
): InvitationCancelContext {
  return {
    organizationId: organization.id,
    organization,
    invitation: pendingInvitation(),
    actor: { ...acting, role: 'owner' },
    source: 'api',
    db: noDatabase,
    ...overrides,
  };
}

const requester = { id: 'user_requester', name: 'Rita Requester', email: 'rita@acme.test' };
const pendingRequest = () => ({
  source: 'invite-link' as const,
  inviteLinkId: 'link_test',
  message: null,
  createdAt: new Date(),
});

export function joinRequestCreateContext(
  overrides: Partial<JoinRequestCreateContext> = {},
): JoinRequestCreateContext {
  return {
    organizationId: organization.id,
    organization,
    user: requester,
    request: { id: null, ...pendingRequest() },
    source: 'invite-link',
    db: noDatabase,
    ...overrides,
  };
}

export function joinRequestApproveContext(
  overrides: Partial<JoinRequestApproveContext> = {},
): JoinRequestApproveContext {
  return {
    organizationId: organization.id,
    organization,
    approver: { ...acting, role: 'owner' },
    user: requester,
    request: { id: 'jr_test', ...pendingRequest() },
    role: 'member',
    source: 'api',
    db: noDatabase,
    ...overrides,
  };
}
