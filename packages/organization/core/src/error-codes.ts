/**
 * Every error the organization services raise: a stable code, the HTTP status it maps to,
 * and the default human message. Callers match on `code`, never on the message.
 */
export const ORGANIZATION_ERRORS = {
  UNAUTHORIZED: { status: 401, message: 'Sign in to continue.' },
  INVALID_API_KEY: {
    status: 401,
    message: 'This API key is not valid: it is unknown, revoked or expired.',
  },
  INSUFFICIENT_SCOPE: { status: 403, message: 'This API key does not have the scope for this.' },
  API_KEY_NOT_ALLOWED: {
    status: 403,
    message: 'API keys cannot be used for this; sign in to the app instead.',
  },
  API_KEY_NOT_FOUND: { status: 404, message: 'This API key does not exist.' },
  VALIDATION_ERROR: { status: 400, message: 'Some fields are invalid.' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'Organization not found.' },
  SLUG_TAKEN: { status: 409, message: 'That URL slug is already taken.' },
  INSUFFICIENT_PERMISSIONS: { status: 403, message: 'Your role does not allow this action.' },
  ROLE_NOT_ALLOWED: { status: 403, message: 'Your role cannot grant this role.' },
  MEMBER_NOT_FOUND: { status: 404, message: 'Member not found.' },
  CANNOT_MODIFY_OWNER: {
    status: 403,
    message: 'Your role cannot change or remove an owner.',
  },
  LAST_OWNER: { status: 409, message: 'An organization needs at least one owner.' },
  ALREADY_MEMBER: { status: 409, message: 'This person is already a member of the organization.' },
  ALREADY_INVITED: { status: 409, message: 'This email already has a pending invitation.' },
  INVITATION_NOT_FOUND: { status: 404, message: 'This invitation does not exist.' },
  INVITATION_EXPIRED: { status: 410, message: 'This invitation has expired.' },
  INVITATION_CANCELED: { status: 410, message: 'This invitation was canceled.' },
  INVITATION_REPLACED: {
    status: 410,
    message: 'This invitation link was replaced by a newer one.',
  },
  INVITATION_ALREADY_ACCEPTED: {
    status: 410,
    message: 'This invitation has already been accepted.',
  },
  INVITATION_DECLINED: { status: 410, message: 'This invitation was declined.' },
  INVITATION_NOT_PENDING: { status: 409, message: 'Only pending invitations can be changed.' },
  INVITATION_EMAIL_MISMATCH: {
    status: 403,
    message: 'This invitation was sent to a different email address.',
  },
  ACCOUNT_EXISTS: { status: 409, message: 'An account with this email already exists.' },
  TOO_MANY_ROWS: { status: 400, message: 'Too many rows in one bulk import.' },
  INVALID_CSV: { status: 400, message: 'The CSV file is malformed.' },
  SEAT_LIMIT_REACHED: { status: 403, message: 'The organization has no free seats.' },
  INVITE_LINK_NOT_FOUND: { status: 404, message: 'This invite link does not exist.' },
  INVITE_LINK_REVOKED: { status: 410, message: 'This invite link was revoked.' },
  INVITE_LINK_EXPIRED: { status: 410, message: 'This invite link has expired.' },
  INVITE_LINK_USED_UP: { status: 410, message: 'This invite link has been used up.' },
  EMAIL_DOMAIN_NOT_ALLOWED: {
    status: 403,
    message: 'This link is for addresses at other email domains.',
  },
  EMAIL_NOT_VERIFIED: { status: 403, message: 'Verify your email address first.' },
  JOIN_REQUEST_NOT_FOUND: { status: 404, message: 'This join request does not exist.' },
  JOIN_REQUEST_NOT_PENDING: { status: 409, message: 'This join request was already answered.' },
  DOMAIN_NOT_FOUND: { status: 404, message: 'This domain does not exist.' },
  DOMAIN_NOT_ALLOWED: {
    status: 400,
    message: 'Public and disposable email domains cannot be verified.',
  },
  DOMAIN_EXISTS: { status: 409, message: 'This organization has already verified this domain.' },
  DOMAIN_CODE_INVALID: { status: 400, message: 'That code is not right.' },
  DOMAIN_CODE_EXPIRED: { status: 410, message: 'The code has expired.' },
  DOMAIN_CODE_ATTEMPTS_EXCEEDED: { status: 429, message: 'Too many wrong codes.' },
  DOMAIN_VERIFIED_ELSEWHERE: {
    status: 409,
    message: 'Another organization has verified this domain.',
  },
  DOMAIN_NOT_VERIFIED: { status: 409, message: 'Verify the domain first.' },
  SUGGESTION_NOT_FOUND: { status: 404, message: 'This suggestion is no longer available.' },
  ALREADY_REQUESTED: {
    status: 409,
    message: 'You already asked to join this organization; an owner or admin will answer.',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type OrganizationErrorCode = keyof typeof ORGANIZATION_ERRORS;
