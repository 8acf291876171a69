/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { JoinRequestRejectedEmailProps } from './props';

export type { JoinRequestRejectedEmailProps };

export const subject = (props: JoinRequestRejectedEmailProps) =>
  `Your request to join ${props.organizationName} was declined`;

/** To the requester, when their request to join is rejected. */
export default function JoinRequestRejectedEmail(props: JoinRequestRejectedEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`An admin of ${props.organizationName} declined your request`}
      heading={`Your request to join ${props.organizationName} was declined`}
      action={{ label: 'Go to your dashboard', url: props.url }}
      notes={[`You get this email because you asked to join ${props.organizationName}.`]}
    >
      <Paragraph>Hi {props.name},</Paragraph>
      <Paragraph>
        An owner or admin of <strong>{props.organizationName}</strong> declined your request to
        join.
      </Paragraph>
      {props.reason ? <Paragraph>The reason they gave: “{props.reason}”</Paragraph> : null}
      <Paragraph>If you think this is a mistake, contact someone at the organization.</Paragraph>
    </EmailLayout>
  );
}

JoinRequestRejectedEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  name: 'Rita Requester',
  reason: 'This workspace is for the finance team only.',
  url: 'http://localhost:3000/dashboard',
} satisfies JoinRequestRejectedEmailProps;
