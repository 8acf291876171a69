export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function validateEmail(value: string): string | undefined {
  const email = value.trim();
  if (!email) return 'Enter your email address.';
  if (!EMAIL_PATTERN.test(email)) return 'Enter a valid email address, like name@example.com.';
  return undefined;
}

/** For forms whose only field is an email address. */
export function validateEmailForm({ email }: { email: string }): FieldErrors<'email'> {
  const problem = validateEmail(email);
  return problem ? { email: problem } : {};
}

export function validateName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Enter your name.';
  if (name.length > 100) return 'Use 100 characters or fewer.';
  return undefined;
}

/** For sign-in: any non-empty password (length rules apply when choosing one). */
export function validatePasswordPresent(value: string): string | undefined {
  return value ? undefined : 'Enter your password.';
}

export function validateNewPassword(value: string): string | undefined {
  if (!value) return `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (value.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (value.length > PASSWORD_MAX_LENGTH) return `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`;
  return undefined;
}

export function validatePasswordConfirmation(
  password: string,
  confirmation: string,
): string | undefined {
  if (!confirmation) return 'Enter the password again.';
  if (password !== confirmation) return "The passwords don't match.";
  return undefined;
}

export function hasErrors<K extends string>(errors: FieldErrors<K>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Drops undefined entries so the result only holds fields that have an error. */
function compact<K extends string>(errors: Record<K, string | undefined>): FieldErrors<K> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v)) as FieldErrors<K>;
}

export type SignInValues = { email: string; password: string };
export function validateSignIn(values: SignInValues): FieldErrors<keyof SignInValues> {
  return compact({
    email: validateEmail(values.email),
    password: validatePasswordPresent(values.password),
  });
}

export type SignUpValues = { name: string; email: string; password: string };
export function validateSignUp(values: SignUpValues): FieldErrors<keyof SignUpValues> {
  return compact({
    name: validateName(values.name),
    email: validateEmail(values.email),
    password: validateNewPassword(values.password),
  });
}

export type ResetPasswordValues = { password: string; confirmPassword: string };
export function validateResetPassword(
  values: ResetPasswordValues,
): FieldErrors<keyof ResetPasswordValues> {
  return compact({
    password: validateNewPassword(values.password),
    confirmPassword: validatePasswordConfirmation(values.password, values.confirmPassword),
  });
}

/**
 * Which form field an API error belongs to, so it can be shown inline: e-mail problems on the e-mail
 * field, password-length problems on the password field. Returns null for errors about the whole form.
 */
export function fieldForErrorCode(code: string): 'email' | 'password' | 'name' | null {
  if (code.startsWith('USER_ALREADY_EXISTS') || code === 'INVALID_EMAIL') return 'email';
  if (
    code === 'PASSWORD_TOO_SHORT' ||
    code === 'PASSWORD_TOO_LONG' ||
    code === 'INVALID_PASSWORD'
  ) {
    return 'password';
  }
  if (code === 'INVALID_NAME') return 'name';
  return null;
}

/**
 * Field errors from a validation error: from its details when the server names fields, else from a
 * message of the form "[body.email] Invalid email address".
 */
export function fieldErrorsFromApiError(error: {
  details?: unknown;
  message: string;
}): Record<string, string> {
  const fromDetails = fieldErrorsFromDetails(error.details);
  if (Object.keys(fromDetails).length) return fromDetails;
  const match = /^\[(?:body\.|query\.)?([\w-]+)[^\]]*\]\s*(.+)$/.exec(error.message.trim());
  if (!match) return {};
  const message = match[2]!.charAt(0).toUpperCase() + match[2]!.slice(1);
  return { [match[1]!]: /[.!?]$/.test(message) ? message : `${message}.` };
}

/**
 * Field errors from a VALIDATION_ERROR's details, when the server names fields. Accepts
 * `{ fieldErrors: { email: ["…"] } }`, `{ email: "…" }` and `[{ path: ["email"], message: "…" }]`.
 */
export function fieldErrorsFromDetails(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const first = (v: unknown): string | undefined =>
    typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  if (Array.isArray(details)) {
    for (const issue of details) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      const key = Array.isArray(path) ? path[0] : path;
      if (typeof key === 'string' && typeof message === 'string' && !out[key]) out[key] = message;
    }
    return out;
  }
  if (typeof details !== 'object' || details === null) return out;
  const source = (details as { fieldErrors?: unknown }).fieldErrors ?? details;
  if (typeof source !== 'object' || source === null) return out;
  for (const [key, value] of Object.entries(source)) {
    const message = first(value);
    if (message) out[key] = message;
  }
  return out;
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function validateOrganizationName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Enter a name for the organization.';
  if (name.length < 2) return 'Use at least 2 characters.';
  if (name.length > 80) return 'Use 80 characters or fewer.';
  return undefined;
}

export function validateSlug(value: string): string | undefined {
  const slug = value.trim();
  if (!slug) return 'Enter a URL slug.';
  if (slug.length < 2) return 'Use at least 2 characters.';
  if (slug.length > 48) return 'Use 48 characters or fewer.';
  if (!SLUG_PATTERN.test(slug)) return 'Use lowercase letters, digits and single hyphens.';
  return undefined;
}

/** A URL slug from a name, as the API derives it: "Acme Inc." → "acme-inc". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

export type OrganizationValues = { name: string; slug: string };
export function validateOrganization(
  values: OrganizationValues,
): FieldErrors<keyof OrganizationValues> {
  return compact({ name: validateOrganizationName(values.name), slug: validateSlug(values.slug) });
}

/** Field errors from the organization API's VALIDATION_ERROR: `details.fields[{field, message}]`. */
export function fieldErrorsFromFields(details: unknown): Record<string, string> {
  const fields = (details as { fields?: unknown } | null)?.fields;
  const out: Record<string, string> = {};
  if (!Array.isArray(fields)) return out;
  for (const entry of fields) {
    const { field, message } = (entry ?? {}) as { field?: unknown; message?: unknown };
    const key = typeof field === 'string' ? field.split('.')[0] : undefined;
    if (key && typeof message === 'string' && !out[key]) out[key] = message;
  }
  return out;
}
