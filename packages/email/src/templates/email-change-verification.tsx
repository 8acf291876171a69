/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { EmailChangeVerificationEmailProps } from './props';

export type { EmailChangeVerificationEmailProps };

export const subject = (props: EmailChangeVerificationEmailProps) =>
  `Confirm your new ${props.productName} email address`;

/** Sent to the new address when someone asks to move their account to it. */
export default function EmailChangeVerificationEmail(props: EmailChangeVerificationEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Confirm ${props.newEmail} for your ${props.productName} account`}
      heading="Confirm your new email address"
      action={{ label: 'Confirm new address', url: props.url }}
      notes={[
        "If you didn't ask for this, you can ignore this email: the account keeps its current address.",
      ]}
    >
      <Paragraph>
        Hi {props.name}, you asked to sign in to {props.productName} with{' '}
        <strong>{props.newEmail}</strong> from now on.
      </Paragraph>
      <Paragraph>
        The change happens when you open the link below. It is valid for 24 hours.
      </Paragraph>
    </EmailLayout>
  );
}

EmailChangeVerificationEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  newEmail: 'ada@new.example.com',
  url: 'http://localhost:3000/api/auth/verify-email?token=preview-token&callbackURL=%2Faccount',
} satisfies EmailChangeVerificationEmailProps;
