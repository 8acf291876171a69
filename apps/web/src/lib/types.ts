export type AppConfig = {
  productName: string;
  signupMode: 'open' | 'invite-only';
  emailTransport: 'mailbox' | 'resend';
};

export type User = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image?: string | null;
  createdAt: string;
};

export type Session = {
  id?: string;
  userId?: string;
  expiresAt?: string;
  createdAt?: string;
  /** The organization the session works in (set by creating, switching to or joining one). */
  activeOrganizationId?: string | null;
  [key: string]: unknown;
};

export type SessionData = { session: Session; user: User };

export type MailboxMessage = {
  id: string;
  to: string;
  from?: string;
  subject: string;
  html: string;
  text: string;
  links: string[];
  createdAt: string;
};
