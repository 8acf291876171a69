/** @jsxRuntime automatic */
/** @jsxImportSource react */
import {
  EmailLayout,
  formatDate,
  nameWithEmail,
  Paragraph,
  withArticle,
} from './_components/layout';
import type { InvitationEmailProps } from './props';

export type { InvitationEmailProps };

export const subject = (props: InvitationEmailProps) =>
  `${props.inviterName} invited you to join ${props.organizationName} on ${props.productName}`;

/** To the person invited: who invites them, to what, as what, until when. */
export default function InvitationEmail(props: InvitationEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Join ${props.organizationName} on ${props.productName}`}
      heading={`Join ${props.organizationName} on ${props.productName}`}
      action={{ label: 'Accept invitation', url: props.url }}
      notes={[
        `This invitation expires on ${formatDate(props.expiresAt)}.`,
        "If you weren't expecting this invitation, you can ignore this email: nothing happens unless you accept it.",
      ]}
    >
      <Paragraph>
        {nameWithEmail(props.inviterName, props.inviterEmail)} invited you to join{' '}
        <strong>{props.organizationName}</strong> as {withArticle(props.role)}.
      </Paragraph>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  inviterName: 'Olivia Owner',
  inviterEmail: 'olivia@acme.example',
  role: 'admin',
  url: 'http://localhost:3000/invite/preview-token',
  expiresAt: new Date('2030-01-07T12:00:00Z'),
} satisfies InvitationEmailProps;
