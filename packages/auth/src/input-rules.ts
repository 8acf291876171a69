import { APIError } from 'better-auth/api';
import { z } from 'zod';

/**
 * Characters refused in names and other short text that people type: C0/C1 controls (CR and LF
 * would split an email header), Unicode line separators, bidirectional overrides (they make a
 * name read differently from what it is) and lone surrogates (not valid Unicode).
 */
export const UNSAFE_TEXT = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** One line of text: trimmed, between `min` and `max` characters, no unsafe characters. */
export function singleLineText({ label, min, max }: { label: string; min: number; max: number }) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(min, min <= 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(
      (value) => !UNSAFE_TEXT.test(value),
      `${label} must not contain line breaks or other control characters.`,
    );
}

export const URL_MAX_LENGTH = 2048;

/** An absolute https:// URL (no javascript:, data: or http:), printable ASCII only. */
export function httpsUrl(label: string) {
  return z
    .string({ error: `${label} must be a URL.` })
    .trim()
    .max(URL_MAX_LENGTH, `${label} must be at most ${URL_MAX_LENGTH} characters.`)
    .regex(/^https:\/\/[\x21-\x7e]+$/i, `${label} must be an https:// URL.`)
    .pipe(z.url({ protocol: /^https$/, error: `${label} must be an https:// URL.` }));
}

export const USER_NAME_MAX_LENGTH = 100;

export const userNameSchema = singleLineText({ label: 'Name', min: 1, max: USER_NAME_MAX_LENGTH });

const userImageSchema = httpsUrl('Image').nullable();

const userFieldCodes = { name: 'INVALID_NAME', image: 'INVALID_IMAGE' } as const;
const userFieldSchemas = { name: userNameSchema, image: userImageSchema };

/**
 * Checks the user fields a caller may set (sign-up, update-user) and returns them normalized.
 * better-auth accepts any JSON value for them on update-user; this answers 400 with
 * INVALID_NAME or INVALID_IMAGE instead of letting a wrong type or a control character through.
 */
export function checkUserFields<T extends Record<string, unknown>>(fields: T): T {
  const out: Record<string, unknown> = { ...fields };
  for (const key of ['name', 'image'] as const) {
    if (!Object.hasOwn(fields, key) || fields[key] === undefined) continue;
    const result = userFieldSchemas[key].safeParse(fields[key]);
    if (!result.success) {
      throw new APIError('BAD_REQUEST', {
        code: userFieldCodes[key],
        message: result.error.issues[0]?.message ?? `Invalid ${key}.`,
      });
    }
    out[key] = result.data;
  }
  return out as T;
}

/** For the request hook: the endpoints whose body carries user fields. */
export function checkUserFieldsInRequest(path: string, body: unknown): void {
  if (path !== '/sign-up/email' && path !== '/update-user') return;
  if (body && typeof body === 'object' && !Array.isArray(body))
    checkUserFields(body as Record<string, unknown>);
}
