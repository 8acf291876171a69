import { describe, expect, it } from 'vitest';
import { allow, deny, isPolicyResult } from './result';

describe('allow()', () => {
  it('builds a frozen allow result', () => {
    expect(allow()).toEqual({ allowed: true });
    expect(Object.isFrozen(allow())).toBe(true);
  });
});

describe('deny()', () => {
  it('carries code, message, remediation and metadata', () => {
    const result = deny({
      code: 'SEAT_LIMIT_REACHED',
      message: 'Your plan has no free seats',
      remediation: 'Upgrade to add more members',
      metadata: { seats: 5, used: 5 },
    });

    expect(result).toEqual({
      allowed: false,
      code: 'SEAT_LIMIT_REACHED',
      message: 'Your plan has no free seats',
      remediation: 'Upgrade to add more members',
      metadata: { seats: 5, used: 5 },
    });
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('leaves out optional fields that were not given', () => {
    const result = deny({ code: 'NOPE', message: 'No' });

    expect(Object.keys(result).sort()).toEqual(['allowed', 'code', 'message']);
  });
});

describe('isPolicyResult()', () => {
  it('accepts what allow() and deny() build', () => {
    expect(isPolicyResult(allow())).toBe(true);
    expect(isPolicyResult(deny({ code: 'X', message: 'x' }))).toBe(true);
    expect(isPolicyResult(deny({ code: 'X', message: 'x', remediation: 'r', metadata: {} }))).toBe(
      true,
    );
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a boolean', true],
    ['a string', 'allow'],
    ['an array', [{ allowed: true }]],
    ['an object without allowed', {}],
    ['a truthy non-boolean allowed', { allowed: 'yes' }],
    ['a deny without code', { allowed: false, message: 'x' }],
    ['a deny with an empty code', { allowed: false, code: '', message: 'x' }],
    ['a deny without message', { allowed: false, code: 'X' }],
    [
      'a deny with a non-string remediation',
      { allowed: false, code: 'X', message: 'x', remediation: 1 },
    ],
    ['a deny with array metadata', { allowed: false, code: 'X', message: 'x', metadata: [] }],
  ])('rejects %s', (_label, value) => {
    expect(isPolicyResult(value)).toBe(false);
  });
});
