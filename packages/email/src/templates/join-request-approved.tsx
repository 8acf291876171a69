/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph, withArticle } from './_components/layout';
import type { JoinRequestApprovedEmailProps } from './props';

export type { JoinRequestApprovedEmailProps };

export const subject = (props: JoinRequestApprovedEmailProps) =>
  `You joined ${props.organizationName}`;

/** To the requester, when their request to join is approved. */
export default function JoinRequestApprovedEmail(props: JoinRequestApprovedEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Your request to join ${props.organizationName} was approved`}
      heading={`Welcome to ${props.organizationName}`}
      action={{ label: `Open ${props.organizationName}`, url: props.url }}
      notes={[`You get this email because you asked to join ${props.organizationName}.`]}
    >
      <Paragraph>Hi {props.name},</Paragraph>
      <Paragraph>
        Your request was approved: you are now {withArticle(props.role)} of{' '}
        <strong>{props.organizationName}</strong>.
      </Paragraph>
    </EmailLayout>
  );
}

JoinRequestApprovedEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  name: 'Rita Requester',
  role: 'member',
  url: 'http://localhost:3000/orgs/acme',
} satisfies JoinRequestApprovedEmailProps;
