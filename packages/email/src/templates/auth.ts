import type { EmailContent } from '../types';
import { actionEmail } from './layout';

export function verificationEmail(props: { name: string; url: string; productName: string }): EmailContent {
  return actionEmail({
    subject: `Confirm your email for ${props.productName}`,
    heading: 'Confirm your email address',
    paragraphs: [`Hi ${props.name}, thanks for signing up for ${props.productName}.`, 'Confirm your email address to finish creating your account.'],
    action: { label: 'Confirm email', url: props.url },
    footer: "If you didn't create an account, you can ignore this email.",
  });
}

export function passwordResetEmail(props: { name: string; url: string; productName: string }): EmailContent {
  return actionEmail({
    subject: `Reset your ${props.productName} password`,
    heading: 'Reset your password',
    paragraphs: [`Hi ${props.name}, we received a request to reset your password.`, 'The link below is valid for one hour.'],
    action: { label: 'Choose a new password', url: props.url },
    footer: "If you didn't ask for this, you can ignore this email: your password stays the same.",
  });
}
