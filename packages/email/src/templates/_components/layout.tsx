/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Body } from '@react-email/body';
import { Button } from '@react-email/button';
import { Container } from '@react-email/container';
import { Head } from '@react-email/head';
import { Heading } from '@react-email/heading';
import { Hr } from '@react-email/hr';
import { Html } from '@react-email/html';
import { Img } from '@react-email/img';
import { Link } from '@react-email/link';
import { Preview } from '@react-email/preview';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { CSSProperties, ReactNode } from 'react';
import { brand, colors as c, fontFamily } from '../../brand';

const styles = {
  body: { margin: 0, padding: '32px 0', backgroundColor: c.background, fontFamily, color: c.text },
  container: { maxWidth: '520px', margin: '0 auto', padding: '0 16px' },
  logo: {
    margin: '0 0 20px',
    fontSize: '20px',
    fontWeight: 700,
    color: c.primary,
    letterSpacing: '-0.01em',
  },
  card: {
    backgroundColor: c.card,
    border: `1px solid ${c.border}`,
    borderRadius: '12px',
    padding: '32px',
  },
  heading: {
    margin: '0 0 16px',
    fontSize: '20px',
    lineHeight: '28px',
    fontWeight: 600,
    color: c.text,
  },
  paragraph: { margin: '0 0 16px', fontSize: '15px', lineHeight: '24px', color: c.text },
  button: {
    display: 'inline-block',
    backgroundColor: c.primary,
    color: c.onPrimary,
    borderRadius: '8px',
    padding: '12px 20px',
    fontSize: '15px',
    fontWeight: 600,
    textDecoration: 'none',
  },
  small: { margin: '0 0 12px', fontSize: '13px', lineHeight: '20px', color: c.muted },
  link: { color: c.primary, wordBreak: 'break-all' },
  hr: { borderColor: c.border, margin: '24px 0' },
  footer: {
    margin: '16px 0 0',
    fontSize: '12px',
    lineHeight: '18px',
    color: c.muted,
    textAlign: 'center',
  },
} satisfies Record<string, CSSProperties>;

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/** Small grey print under the action (why you got this, what to do if unexpected). */
export function Note({ children }: { children: ReactNode }) {
  return <Text style={styles.small}>{children}</Text>;
}

export interface EmailLayoutProps {
  productName: string;
  /** The inbox preview line. */
  preview: string;
  heading: string;
  children: ReactNode;
  /** The main action: a button, and the same link in plain text for clients that block buttons. */
  action?: { label: string; url: string };
  /** Grey print after the action. */
  notes?: ReactNode[];
}

/**
 * The frame of every email: logo, a card with a heading, the body, one action button with the
 * plain link under it, and grey notes. In the text version the button becomes "Label: URL".
 */
export function EmailLayout({
  productName,
  preview,
  heading,
  children,
  action,
  notes = [],
}: EmailLayoutProps) {
  const b = brand();
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {b.logoUrl ? (
            <Img src={b.logoUrl} alt={productName} height="36" style={{ margin: '0 0 20px' }} />
          ) : (
            <Text style={styles.logo} data-skip-in-text="true">
              {productName}
            </Text>
          )}
          <Section style={styles.card}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            {children}
            {action && (
              <>
                <Section style={{ margin: '24px 0' }}>
                  <Button href={action.url} style={styles.button} data-action-label={action.label}>
                    {action.label}
                  </Button>
                </Section>
                <Text style={styles.small} data-skip-in-text="true">
                  Or copy and paste this link into your browser:
                  <br />
                  <Link href={action.url} style={styles.link}>
                    {action.url}
                  </Link>
                </Text>
              </>
            )}
            {notes.length > 0 && <Hr style={styles.hr} />}
            {notes.map((note, i) => (
              <Note key={i}>{note}</Note>
            ))}
          </Section>
          <Text style={styles.footer}>
            {productName} · {b.appUrl.replace(/^https?:\/\//, '')}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Joins name and address the way a person would write it: "Ada (ada@example.com)". */
export const nameWithEmail = (name: string, email: string | null) =>
  email ? `${name} (${email})` : name;

/** "a member", "an admin". */
export const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

export { formatDate } from './format';
