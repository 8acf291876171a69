/**
 * Everything that makes the emails look like your product: name, sender, logo, colours.
 * Change it here; every template reads it from this file.
 */

export interface BrandColors {
  /** Buttons, links and the wordmark. */
  primary: string;
  /** Text on the primary colour. */
  onPrimary: string;
  text: string;
  muted: string;
  /** Behind the card. */
  background: string;
  card: string;
  border: string;
}

export interface Brand {
  /** APP_NAME: shown in subjects, headings and the footer. */
  productName: string;
  /** EMAIL_FROM: the sender of every message. */
  from: string;
  /** APP_URL: links in the footer and in emails that point into the app. */
  appUrl: string;
  /** EMAIL_LOGO_URL: an absolute image URL (about 120×36); without it, the product name is the logo. */
  logoUrl: string | null;
  colors: BrandColors;
  /** The font stack (email clients have no web fonts to rely on). */
  fontFamily: string;
}

export const DEFAULT_PRODUCT_NAME = 'Kit';
export const DEFAULT_FROM = 'Kit <no-reply@kit.localhost>';
export const DEFAULT_APP_URL = 'http://localhost:3000';

export const colors: BrandColors = {
  primary: '#2856dc', // brand-600 of tooling/tailwind/theme.css, so emails match the app
  onPrimary: '#ffffff',
  text: '#111827',
  muted: '#6b7280',
  background: '#f4f5f7',
  card: '#ffffff',
  border: '#e5e7eb',
};

export const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const value = (name: string) => {
  const raw = process.env[name]?.trim();
  return raw ? raw : undefined;
};

/** The brand, from the environment (read on each call: cheap, and tests can change it). */
export function brand(): Brand {
  return {
    productName: value('APP_NAME') ?? DEFAULT_PRODUCT_NAME,
    from: value('EMAIL_FROM') ?? DEFAULT_FROM,
    appUrl: (value('APP_URL') ?? DEFAULT_APP_URL).replace(/\/$/, ''),
    logoUrl: value('EMAIL_LOGO_URL') ?? null,
    colors,
    fontFamily,
  };
}
