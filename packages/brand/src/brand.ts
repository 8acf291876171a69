/**
 * The brand: the one place to rename and recolour the product. The web app (name, theme colours,
 * logo, favicon) and the emails read it from here. Browser-safe: plain data.
 */
export interface Brand {
  /** The product's name in the page title, the header and every email (APP_NAME overrides it). */
  name: string;
  /** One line under the name where there is room for it (the HTML description). */
  tagline: string;
  /** Where people write for help. */
  supportEmail: string;
  /**
   * An absolute URL of the logo image (about 120×36) for emails and the web app. Null: the built-in
   * mark drawn in the primary colour, followed by the name. EMAIL_LOGO_URL overrides it in emails.
   */
  logoUrl: string | null;
  colors: {
    /** Buttons, links, the mark and the favicon; the web app derives its brand-50…900 scale from it. */
    primary: string;
    /** Text and the mark's strokes on the primary colour. */
    onPrimary: string;
  };
}

export const brand: Brand = {
  name: 'Kit',
  tagline: 'Sign in to your workspace.',
  supportEmail: 'support@kit.localhost',
  logoUrl: null,
  colors: {
    primary: '#2856dc',
    onPrimary: '#ffffff',
  },
};
