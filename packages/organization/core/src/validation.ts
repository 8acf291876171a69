import { httpsUrl, singleLineText } from '@kit/auth/input-rules';
import { z } from 'zod';
import { OrganizationError } from './errors';
import { metadataProblem } from './metadata';
import { currentRoles } from './roles';

export const emailSchema = z
  .string({ error: 'Email is required.' })
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long.')
  .pipe(z.email({ error: 'Enter a valid email address.' }));

/** A role id of the role set in use (built per call: the set in scope decides). */
export function roleSchema() {
  const roles = currentRoles();
  const error = `Role must be one of ${roles.ids.join(', ')}.`;
  return z.string({ error }).refine((value) => roles.isRole(value), { error });
}

/**
 * `build` once per role set: a schema that uses roleSchema() is built the first time a role set
 * asks for it and reused after (building a zod schema costs more than parsing with it).
 */
export function perRoleSet<T>(build: () => T): () => T {
  const built = new WeakMap<object, T>();
  return () => {
    const roles = currentRoles();
    let value = built.get(roles);
    if (value === undefined) {
      value = build();
      built.set(roles, value);
    }
    return value;
  };
}

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Slug must be at least 2 characters.')
  .max(48, 'Slug must be at most 48 characters.')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens.');

export const organizationNameSchema = singleLineText({ label: 'Name', min: 2, max: 80 });

export const logoSchema = httpsUrl('Logo');

/** Free-form invitation metadata: a JSON object within METADATA_LIMITS. */
export const metadataSchema = z.custom<Record<string, unknown>>().superRefine((value, ctx) => {
  const problem = metadataProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Parses input or throws VALIDATION_ERROR with one entry per invalid field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || null,
    message: issue.message,
  }));
  throw new OrganizationError('VALIDATION_ERROR', fields[0]?.message ?? 'Invalid input.', {
    details: { fields },
  });
}

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base.length >= 2 ? base : `org-${base}`.replace(/-$/, '');
}
