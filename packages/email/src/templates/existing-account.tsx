/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { ExistingAccountEmailProps } from './props';

export type { ExistingAccountEmailProps };

export const subject = (props: ExistingAccountEmailProps) =>
  `You already have an account with ${props.productName}`;

/** Sent instead of a verification email when someone signs up with an address that has an account. */
export default function ExistingAccountEmail(props: ExistingAccountEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Sign in to your ${props.productName} account instead`}
      heading="You already have an account"
      action={{ label: 'Sign in', url: props.url }}
      notes={[
        "If you didn't try to sign up, you can ignore this email: nothing about your account changed.",
      ]}
    >
      <Paragraph>
        Hi {props.name}, someone (probably you) tried to create a {props.productName} account with
        this email address. There is one already, so no new account was created.
      </Paragraph>
      <Paragraph>
        Sign in with your password. If you don&apos;t remember it, choose &quot;Forgot
        password?&quot; on the sign-in page to reset it.
      </Paragraph>
    </EmailLayout>
  );
}

ExistingAccountEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  url: 'http://localhost:3000/sign-in?email=ada%40example.com',
} satisfies ExistingAccountEmailProps;
