import { Button, Text } from '@react-email/components';
import { EmailLayout } from './layout';

export interface MagicLinkEmailProps {
  url: string;
  host: string;
}

export function MagicLinkEmail({ url, host }: MagicLinkEmailProps) {
  return (
    <EmailLayout preview={`Sign in to ${host}`}>
      <Text style={{ fontSize: 16, color: '#1f2333' }}>Click the button below to sign in to {host}.</Text>
      <Button
        href={url}
        style={{
          backgroundColor: '#4f46e5',
          color: '#ffffff',
          padding: '12px 20px',
          borderRadius: 6,
          fontWeight: 600,
        }}
      >
        Sign in
      </Button>
      <Text style={{ fontSize: 13, color: '#5b6072' }}>
        The link expires in 24 hours and works once. If you did not ask for it, you can ignore this email.
      </Text>
    </EmailLayout>
  );
}

export const magicLinkSubject = (host: string) => `Sign in to ${host}`;
