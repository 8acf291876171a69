import type { EmailContent } from '../types';
import { actionEmail } from './layout';

export interface InvitationEmailProps {
  productName: string;
  organizationName: string;
  inviterName: string;
  inviterEmail: string | null;
  role: string;
  url: string;
  expiresAt: Date;
}

// One formatter for every email: building an Intl formatter per call is slow in bulk imports.
const dateFormat = new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const formatDate = (date: Date) => dateFormat.format(date);

export function invitationEmail(props: InvitationEmailProps): EmailContent {
  return actionEmail({
    subject: `${props.inviterName} invited you to join ${props.organizationName} on ${props.productName}`,
    heading: `Join ${props.organizationName} on ${props.productName}`,
    paragraphs: [
      `${props.inviterName}${props.inviterEmail ? ` (${props.inviterEmail})` : ''} invited you to join ${props.organizationName} as ${article(props.role)} ${props.role}.`,
      `This invitation expires on ${formatDate(props.expiresAt)}.`,
    ],
    action: { label: `Join ${props.organizationName}`, url: props.url },
    footer: "If you weren't expecting this invitation, you can ignore this email.",
  });
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');
