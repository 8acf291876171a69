import { describe, expect, it } from 'vitest';
import {
  fieldErrorsFromApiError,
  fieldErrorsFromDetails,
  fieldErrorsFromFields,
  fieldForErrorCode,
  hasErrors,
  slugify,
  validateEmail,
  validateNewPassword,
  validateResetPassword,
  validateSignIn,
  validateOrganization,
  validateSignUp,
  validateSlug,
} from './validation';

describe('validateEmail', () => {
  it('accepts ordinary addresses, trimming spaces', () => {
    expect(validateEmail('ada@example.com')).toBeUndefined();
    expect(validateEmail('  first.last+tag@sub.example.co.uk ')).toBeUndefined();
  });

  it('rejects empty and malformed addresses', () => {
    expect(validateEmail('')).toMatch(/Enter your email/);
    for (const bad of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a b@example.com',
      'ada@example..com',
    ]) {
      expect(validateEmail(bad), bad).toMatch(/valid email/);
    }
  });
});

describe('validateNewPassword', () => {
  it('requires at least 8 characters', () => {
    expect(validateNewPassword('')).toMatch(/Choose/);
    expect(validateNewPassword('1234567')).toMatch(/at least 8/);
    expect(validateNewPassword('12345678')).toBeUndefined();
    expect(validateNewPassword('x'.repeat(129))).toMatch(/128/);
  });
});

describe('form validators', () => {
  it('sign-in needs an email and any password', () => {
    expect(validateSignIn({ email: 'a@b.co', password: 'x' })).toEqual({});
    expect(validateSignIn({ email: '', password: '' })).toEqual({
      email: expect.any(String),
      password: 'Enter your password.',
    });
  });

  it('sign-up checks name, email and password length', () => {
    expect(
      validateSignUp({ name: 'Ada', email: 'ada@example.com', password: 'correct horse' }),
    ).toEqual({});
    const errors = validateSignUp({ name: ' ', email: 'nope', password: 'short' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'name', 'password']);
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors({})).toBe(false);
  });

  it('reset-password requires matching passwords', () => {
    expect(
      validateResetPassword({ password: 'long enough', confirmPassword: 'long enough' }),
    ).toEqual({});
    expect(
      validateResetPassword({ password: 'long enough', confirmPassword: 'long enougH' }),
    ).toEqual({
      confirmPassword: "The passwords don't match.",
    });
    expect(validateResetPassword({ password: 'short', confirmPassword: '' })).toEqual({
      password: expect.stringMatching(/at least 8/),
      confirmPassword: 'Enter the password again.',
    });
  });
});

describe('server errors on fields', () => {
  it('maps error codes to the field they concern', () => {
    expect(fieldForErrorCode('USER_ALREADY_EXISTS')).toBe('email');
    expect(fieldForErrorCode('USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')).toBe('email');
    expect(fieldForErrorCode('INVALID_EMAIL')).toBe('email');
    expect(fieldForErrorCode('PASSWORD_TOO_SHORT')).toBe('password');
    expect(fieldForErrorCode('SIGNUP_DISABLED')).toBeNull();
  });

  it('reads field errors from validation details in several shapes', () => {
    expect(fieldErrorsFromDetails({ fieldErrors: { email: ['Invalid email'], name: [] } })).toEqual(
      {
        email: 'Invalid email',
      },
    );
    expect(fieldErrorsFromDetails({ password: 'Too short' })).toEqual({ password: 'Too short' });
    expect(
      fieldErrorsFromDetails([
        { path: ['email'], message: 'Invalid email' },
        { path: ['email'], message: 'second' },
        { message: 'no path' },
      ]),
    ).toEqual({ email: 'Invalid email' });
    expect(fieldErrorsFromDetails(undefined)).toEqual({});
    expect(fieldErrorsFromDetails('text')).toEqual({});
  });
});

describe('fieldErrorsFromApiError', () => {
  it('prefers field details', () => {
    expect(
      fieldErrorsFromApiError({
        message: 'Invalid mailbox query',
        details: [{ path: 'to', message: 'Too long' }],
      }),
    ).toEqual({ to: 'Too long' });
  });

  it('reads a "[body.field] message" validation message', () => {
    expect(fieldErrorsFromApiError({ message: '[body.email] Invalid email address' })).toEqual({
      email: 'Invalid email address.',
    });
    expect(
      fieldErrorsFromApiError({
        message: '[body.name] invalid input: expected string, received undefined',
      }),
    ).toEqual({ name: 'Invalid input: expected string, received undefined.' });
    expect(fieldErrorsFromApiError({ message: 'Something else' })).toEqual({});
  });
});

describe('organization fields', () => {
  it('derives a slug from a name', () => {
    expect(slugify('Acme Inc.')).toBe('acme-inc');
    expect(slugify('  Crème Brûlée & Co  ')).toBe('creme-brulee-co');
  });

  it('validates names and slugs like the API', () => {
    expect(validateOrganization({ name: 'Acme', slug: 'acme' })).toEqual({});
    expect(validateOrganization({ name: 'A', slug: 'Acme!' })).toEqual({
      name: 'Use at least 2 characters.',
      slug: 'Use lowercase letters, digits and single hyphens.',
    });
    expect(validateSlug('a--b')).toMatch(/single hyphens/);
  });

  it("reads the organization API's field errors", () => {
    expect(
      fieldErrorsFromFields({
        fields: [
          { field: 'slug', message: 'Taken' },
          { field: null, message: 'x' },
        ],
      }),
    ).toEqual({ slug: 'Taken' });
    expect(fieldErrorsFromFields(undefined)).toEqual({});
  });
});
