/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { PasswordResetEmailProps } from './props';

export type { PasswordResetEmailProps };

export const subject = (props: PasswordResetEmailProps) =>
  `Reset your ${props.productName} password`;

/** Sent when someone asks to reset the password of an account. */
export default function PasswordResetEmail(props: PasswordResetEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Reset your ${props.productName} password`}
      heading="Reset your password"
      action={{ label: 'Choose a new password', url: props.url }}
      notes={[
        "If you didn't ask for this, you can ignore this email: your password stays the same.",
      ]}
    >
      <Paragraph>Hi {props.name}, we received a request to reset your password.</Paragraph>
      <Paragraph>The link below is valid for one hour.</Paragraph>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  url: 'http://localhost:3000/api/auth/reset-password/preview-token?callbackURL=%2Freset-password',
} satisfies PasswordResetEmailProps;
