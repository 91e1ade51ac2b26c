import { Button, Link, Text } from '@react-email/components';
import { EmailLayout } from './layout';

export interface PrivacyEmailProps {
  title: string;
  /** Paragraphs, separated by blank lines. */
  body: string;
  action?: { label: string; url: string };
  /** A large code to type (the export download code). */
  code?: string;
  /** Marketing mail: the one-click unsubscribe page (works without signing in). */
  unsubscribeUrl?: string;
}

/**
 * Privacy and consent messages: data export ready, download code, erasure confirmation, marketing
 * double opt-in and marketing mail itself (with its unsubscribe link).
 */
export function PrivacyEmail({ title, body, action, code, unsubscribeUrl }: PrivacyEmailProps) {
  return (
    <EmailLayout preview={title}>
      <Text style={{ fontSize: 18, fontWeight: 600, color: '#1f2333' }}>{title}</Text>
      {body.split(/\n{2,}/).map((para, i) => (
        <Text key={i} style={{ fontSize: 14, color: '#1f2333', whiteSpace: 'pre-wrap' }}>
          {para}
        </Text>
      ))}
      {code ? (
        <Text
          style={{
            fontSize: 28,
            fontWeight: 700,
            letterSpacing: 6,
            color: '#1f2333',
            fontFamily: 'monospace',
          }}
        >
          {code}
        </Text>
      ) : null}
      {action ? (
        <Button
          href={action.url}
          style={{
            backgroundColor: '#4f46e5',
            color: '#ffffff',
            padding: '12px 20px',
            borderRadius: 6,
            fontWeight: 600,
          }}
        >
          {action.label}
        </Button>
      ) : null}
      {action ? (
        <Text style={{ fontSize: 12, color: '#5b6072' }}>Or open this link: {action.url}</Text>
      ) : null}
      {unsubscribeUrl ? (
        <Text style={{ fontSize: 12, color: '#5b6072' }}>
          You receive this because you confirmed Levqor product news.{' '}
          <Link href={unsubscribeUrl}>Unsubscribe</Link> (one click, no sign-in): {unsubscribeUrl}
        </Text>
      ) : null}
    </EmailLayout>
  );
}
