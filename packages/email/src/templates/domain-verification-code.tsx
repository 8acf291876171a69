/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { DomainVerificationCodeEmailProps } from './props';

export type { DomainVerificationCodeEmailProps };

export const subject = (props: DomainVerificationCodeEmailProps) =>
  `${props.code} is your code to verify ${props.domain}`;

/** To an address at a domain an organization claims: the code that proves affiliation. */
export default function DomainVerificationCodeEmail(props: DomainVerificationCodeEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Verify ${props.domain} for ${props.organizationName}`}
      heading={`Verify ${props.domain}`}
      action={{ label: 'Enter the code', url: props.url }}
      notes={[
        `The code expires in ${props.expiresInMinutes} minutes.`,
        `If you did not ask to verify ${props.domain}, ignore this email: nothing changes without the code.`,
      ]}
    >
      <Paragraph>
        {props.requesterName} wants to verify <strong>{props.domain}</strong> for{' '}
        <strong>{props.organizationName}</strong> on {props.productName}. Enter this code where they
        asked for it:
      </Paragraph>
      <Paragraph>
        <strong>{props.code}</strong>
      </Paragraph>
    </EmailLayout>
  );
}

DomainVerificationCodeEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  requesterName: 'Olivia Owner',
  domain: 'acme.example',
  code: '123456',
  expiresInMinutes: 15,
  url: 'http://localhost:3000/orgs/acme/domains',
} satisfies DomainVerificationCodeEmailProps;
