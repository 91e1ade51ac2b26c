import { Body, Container, Head, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export function EmailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html>
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: '#f5f6fa', fontFamily: 'system-ui, -apple-system, Segoe UI, sans-serif' }}
      >
        <Container
          style={{
            backgroundColor: '#ffffff',
            borderRadius: 8,
            margin: '32px auto',
            padding: 32,
            maxWidth: 480,
          }}
        >
          <Text style={{ fontSize: 20, fontWeight: 700, color: '#4f46e5', margin: 0 }}>Levqor</Text>
          <Section>{children}</Section>
          <Text style={{ color: '#8a8fa3', fontSize: 12 }}>
            Levqor — job orchestration for AI automation.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
