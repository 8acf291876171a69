/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { VerificationEmailProps } from './props';

export type { VerificationEmailProps };

export const subject = (props: VerificationEmailProps) =>
  `Confirm your email for ${props.productName}`;

/** Sent on sign-up: the link proves the address. */
export default function VerificationEmail(props: VerificationEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Confirm your email address to finish signing up for ${props.productName}`}
      heading="Confirm your email address"
      action={{ label: 'Confirm email', url: props.url }}
      notes={[
        'The link is valid for 24 hours.',
        "If you didn't create an account, you can ignore this email.",
      ]}
    >
      <Paragraph>
        Hi {props.name}, thanks for signing up for {props.productName}.
      </Paragraph>
      <Paragraph>Confirm your email address to finish creating your account.</Paragraph>
    </EmailLayout>
  );
}

VerificationEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  url: 'http://localhost:3000/api/auth/verify-email?token=preview-token&callbackURL=%2Fdashboard',
} satisfies VerificationEmailProps;
