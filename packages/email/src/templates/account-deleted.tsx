/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { AccountDeletedEmailProps } from './props';

export type { AccountDeletedEmailProps };

export const subject = (props: AccountDeletedEmailProps) =>
  `Your ${props.productName} account was deleted`;

/** The last email to an address: its account is gone. */
export default function AccountDeletedEmail(props: AccountDeletedEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Your ${props.productName} account and its sign-in details are deleted`}
      heading="Your account was deleted"
      action={{ label: `Visit ${props.productName}`, url: props.url }}
      notes={[
        `This is the last email ${props.productName} sends to this address about the account.`,
      ]}
    >
      <Paragraph>
        Hi {props.name}, your {props.productName} account was deleted as you asked. You were removed
        from every organization, and your sign-in details and sessions are gone.
      </Paragraph>
      <Paragraph>
        Organizations keep their history: entries you made show a deleted user instead of your name.
        You can create a new account with this address at any time.
      </Paragraph>
    </EmailLayout>
  );
}

AccountDeletedEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  url: 'http://localhost:3000/',
} satisfies AccountDeletedEmailProps;
