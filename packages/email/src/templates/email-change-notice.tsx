/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { EmailChangeNoticeEmailProps } from './props';

export type { EmailChangeNoticeEmailProps };

export const subject = (props: EmailChangeNoticeEmailProps) =>
  `A change of your ${props.productName} email address was requested`;

/** Sent to the current address when the account asks to move to another one. */
export default function EmailChangeNoticeEmail(props: EmailChangeNoticeEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Your ${props.productName} account may move to ${props.newEmail}`}
      heading="Your email address is about to change"
      action={{ label: 'Reset your password', url: props.url }}
      notes={[
        `You received this email because it is the current address of your ${props.productName} account.`,
      ]}
    >
      <Paragraph>
        Hi {props.name}, someone signed in to your account asked to change its email address to{' '}
        <strong>{props.newEmail}</strong>. The change takes effect once the link sent to that
        address is opened; from then on, sign-in and emails use the new address.
      </Paragraph>
      <Paragraph>
        If this was you, there is nothing to do. If it wasn&apos;t, reset your password now: that
        signs out every session, including the one that asked for the change.
      </Paragraph>
    </EmailLayout>
  );
}

EmailChangeNoticeEmail.PreviewProps = {
  productName: 'Kit',
  name: 'Ada Lovelace',
  newEmail: 'ada@new.example.com',
  url: 'http://localhost:3000/forgot-password',
} satisfies EmailChangeNoticeEmailProps;
