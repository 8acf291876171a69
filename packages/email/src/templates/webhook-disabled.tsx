/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { EmailLayout, Paragraph } from './_components/layout';
import type { WebhookDisabledEmailProps } from './props';

export type { WebhookDisabledEmailProps };

export const subject = (props: WebhookDisabledEmailProps) =>
  `A webhook endpoint of ${props.organizationName} was disabled`;

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** To the organization's owners, when an endpoint failing for days is disabled. */
export default function WebhookDisabledEmail(props: WebhookDisabledEmailProps) {
  return (
    <EmailLayout
      productName={props.productName}
      preview={`Deliveries to ${props.endpointUrl} failed for ${days(props.failingDays)}`}
      heading="A webhook endpoint was disabled"
      action={{ label: 'Review webhooks', url: props.url }}
      notes={[`You get this email because you are an owner of ${props.organizationName}.`]}
    >
      <Paragraph>Hi {props.recipientName},</Paragraph>
      <Paragraph>
        Every delivery to <strong>{props.endpointUrl}</strong> failed for {days(props.failingDays)},
        so {props.organizationName} stopped sending events to it.
      </Paragraph>
      {props.lastError ? <Paragraph>The last attempt: {props.lastError}</Paragraph> : null}
      <Paragraph>
        Fix the endpoint, then enable it again in the organization&apos;s webhook settings; the
        events it missed stay in its delivery log and can be retried from there.
      </Paragraph>
    </EmailLayout>
  );
}

WebhookDisabledEmail.PreviewProps = {
  productName: 'Kit',
  organizationName: 'Acme Inc',
  recipientName: 'Olivia Owner',
  endpointUrl: 'https://hooks.acme.example/kit',
  failingDays: 5,
  lastError: 'HTTP 503',
  url: 'http://localhost:3000/orgs/acme/webhooks',
} satisfies WebhookDisabledEmailProps;
