import { describe, expect, it } from 'vitest';
import { parseApiError } from './api';
import { invitationProblem, maskEmail, parseEmailList, problemDetails } from './invitations';

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('bob@example.com')).toBe('b***@example.com');
    expect(maskEmail('a@x.io')).toBe('a***@x.io');
    expect(maskEmail('not-an-email')).toBe('***');
  });
});

describe('parseEmailList', () => {
  it('splits on commas, semicolons, spaces and new lines, lower-cases and drops duplicates', () => {
    expect(
      parseEmailList(' Ada@Example.com, grace@example.com;\nada@example.com  linus@example.com\n'),
    ).toEqual({
      emails: ['ada@example.com', 'grace@example.com', 'linus@example.com'],
      invalid: [],
      duplicates: ['ada@example.com'],
    });
  });

  it('accepts "Name <address>" and reports what is not an address', () => {
    expect(parseEmailList('Ada Lovelace <ada@example.com>, nope, x@y')).toEqual({
      emails: ['ada@example.com'],
      invalid: ['nope', 'x@y'],
      duplicates: [],
    });
  });

  it('returns nothing for empty input', () => {
    expect(parseEmailList('  \n, ,')).toEqual({ emails: [], invalid: [], duplicates: [] });
  });
});

describe('invitationProblem', () => {
  const error = (status: number, code: string, details?: unknown) =>
    parseApiError(status, { error: { code, message: 'x', details } });

  it('maps each gone-invitation code to its page', () => {
    expect(invitationProblem(error(404, 'INVITATION_NOT_FOUND'))).toBe('not-found');
    expect(invitationProblem(error(410, 'INVITATION_EXPIRED'))).toBe('expired');
    expect(invitationProblem(error(410, 'INVITATION_CANCELED'))).toBe('canceled');
    expect(invitationProblem(error(410, 'INVITATION_REPLACED'))).toBe('replaced');
    expect(invitationProblem(error(410, 'INVITATION_ALREADY_ACCEPTED'))).toBe('accepted');
    expect(invitationProblem(error(410, 'INVITATION_DECLINED'))).toBe('declined');
    expect(invitationProblem(error(404, 'NOT_FOUND'))).toBe('not-found');
  });

  it('leaves other errors to the caller', () => {
    expect(invitationProblem(error(403, 'SEAT_LIMIT_REACHED'))).toBeNull();
    expect(invitationProblem(new Error('x'))).toBeNull();
  });

  it('reads the organization and email from the details', () => {
    expect(
      problemDetails(
        error(410, 'INVITATION_CANCELED', {
          organizationName: 'Acme',
          email: 'a@b.co',
          status: 'canceled',
        }),
      ),
    ).toEqual({ organizationName: 'Acme', email: 'a@b.co' });
    expect(problemDetails(error(410, 'INVITATION_CANCELED'))).toEqual({
      organizationName: undefined,
      email: undefined,
    });
  });
});
