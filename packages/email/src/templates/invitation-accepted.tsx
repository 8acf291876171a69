/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, nameWithEmail, Paragraph, withArticle } from './_components/layout';
import type { InvitationAcceptedEmailProps } from './props';

export type { InvitationAcceptedEmailProps };

export const subject = (props: InvitationAcceptedEmailProps) =>
  `${props.memberName} joined ${props.organizationName}`;

/** To the person who sent an invitation, when it is accepted. */
export default function InvitationAcceptedEmail(props: InvitationAcceptedEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`${props.memberName} accepted your invitation to ${props.organizationName}`}
      heading={`${props.memberName} joined ${props.organizationName}`}
      action={{ label: 'View members', url: props.url }}
      notes={[
        `You get this email because you invited ${props.memberEmail} to ${props.organizationName}.`,
      ]}
    >
      <Paragraph>Hi {props.inviterName},</Paragraph>
      <Paragraph>
        {nameWithEmail(props.memberName, props.memberEmail)} accepted your invitation and joined{' '}
        <strong>{props.organizationName}</strong> as {withArticle(props.role)}.
      </Paragraph>
    </EmailLayout>
  );
}

InvitationAcceptedEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  inviterName: 'Olivia Owner',
  memberName: 'Bob Builder',
  memberEmail: 'bob@acme.example',
  role: 'member',
  url: 'http://localhost:3000/orgs/acme/members',
} satisfies InvitationAcceptedEmailProps;
