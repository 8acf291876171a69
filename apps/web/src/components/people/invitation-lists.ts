import type { InvitationStatus } from '../../lib/organizations';
import type { BatchAction } from '../../lib/people';

/** Which invitations a tab lists and what can be done with them there. */
export type InvitationList = {
  kind: 'pending' | 'expired' | 'history';
  statuses: readonly InvitationStatus[];
  /** The actions offered for several selected rows (and each row). */
  actions: readonly BatchAction[];
  /** The list's name for screen readers ("Pending invitations"). */
  label: string;
};

export const invitationLists = {
  pending: {
    kind: 'pending',
    statuses: ['pending'],
    actions: ['resend', 'cancel'],
    label: 'Pending invitations',
  },
  expired: {
    kind: 'expired',
    statuses: ['expired'],
    actions: ['renew', 'remove'],
    label: 'Expired invitations',
  },
  history: {
    kind: 'history',
    statuses: ['accepted', 'declined', 'canceled'],
    actions: [],
    label: 'Past invitations',
  },
} as const satisfies Record<string, InvitationList>;
