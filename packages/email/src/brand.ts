import { brand as kitBrand } from '@kit/brand';

/**
 * Everything that makes the emails look like your product: name, sender, logo, colours. The
 * name, logo and colours come from @kit/brand (rename and recolour there); the environment
 * variables below override them per deployment. Every template reads it from this file.
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
  /**
   * EMAIL_LOGO_URL, else the brand's logo: an absolute image URL (about 120×36); without either,
   * the product name is the logo.
   */
  logoUrl: string | null;
  colors: BrandColors;
  /** The font stack (email clients have no web fonts to rely on). */
  fontFamily: string;
}

export const DEFAULT_PRODUCT_NAME = kitBrand.name;
/** The development sender: a no-reply address at the support address's domain. */
export const DEFAULT_FROM = `${kitBrand.name} <no-reply@${kitBrand.supportEmail.split('@')[1]}>`;
export const DEFAULT_APP_URL = 'http://localhost:3000';

/** The product's colours from @kit/brand; the neutral ones suit any brand. */
export const colors: BrandColors = {
  primary: kitBrand.colors.primary,
  onPrimary: kitBrand.colors.onPrimary,
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
    logoUrl: value('EMAIL_LOGO_URL') ?? kitBrand.logoUrl,
    colors,
    fontFamily,
  };
}
