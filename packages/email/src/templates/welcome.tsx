/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { WelcomeEmailProps } from './props';

export type { WelcomeEmailProps };

export const subject = (props: WelcomeEmailProps) => `Welcome to ${props.productName}`;

/** Sent once, after the address is verified. */
export default function WelcomeEmail(props: WelcomeEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Your ${props.productName} account is ready`}
      heading={`Welcome to ${props.productName}, ${props.name}`}
      action={{ label: `Open ${props.productName}`, url: props.url }}
      notes={[`You received this email because you created a ${props.productName} account.`]}
    >
      <Paragraph>Your email address is confirmed and your account is ready.</Paragraph>
      <Paragraph>
        Create an organization to invite your team, or open an invitation you received to join
        theirs.
      </Paragraph>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  url: 'http://localhost:3000/',
} satisfies WelcomeEmailProps;
