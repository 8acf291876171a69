import { z } from 'zod';

/** A DNS name as people type it ("Acme.com", "@acme.com"), lower-cased, without the @. */
export const domainSchema = z
  .string({ error: 'Enter a domain, e.g. acme.com.' })
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .max(253, 'Domain is too long.')
      .regex(
        /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'Enter a domain such as acme.com.',
      ),
  );

/** The domain part of an address, lower-cased. */
export const domainOf = (email: string): string =>
  email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** Whether `email` is at one of `domains` or a subdomain of one; an empty list allows any. */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const domain = domainOf(email);
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}
