/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, nameWithEmail, Paragraph } from './_components/layout';
import type { JoinRequestReceivedEmailProps } from './props';

export type { JoinRequestReceivedEmailProps };

export const subject = (props: JoinRequestReceivedEmailProps) =>
  `${props.requesterName} asked to join ${props.organizationName}`;

/** To each owner and admin, when someone asks to join. */
export default function JoinRequestReceivedEmail(props: JoinRequestReceivedEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`${props.requesterName} is waiting for an answer`}
      heading={`${props.requesterName} asked to join ${props.organizationName}`}
      action={{ label: 'Review the request', url: props.url }}
      notes={[
        `You get this email because you can approve new members of ${props.organizationName}.`,
      ]}
    >
      <Paragraph>Hi {props.recipientName},</Paragraph>
      <Paragraph>
        {nameWithEmail(props.requesterName, props.requesterEmail)} asked to join{' '}
        <strong>{props.organizationName}</strong>. Approve the request to add them (you choose their
        role), or reject it.
      </Paragraph>
      {props.message ? <Paragraph>Their message: “{props.message}”</Paragraph> : null}
    </EmailLayout>
  );
}

JoinRequestReceivedEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  recipientName: 'Olivia Owner',
  requesterName: 'Rita Requester',
  requesterEmail: 'rita@acme.example',
  message: 'I just joined the design team.',
  url: 'http://localhost:3000/orgs/acme/requests',
} satisfies JoinRequestReceivedEmailProps;
