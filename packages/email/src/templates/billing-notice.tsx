import { Button, Text } from '@react-email/components';
import { EmailLayout } from './layout';

export interface BillingNoticeEmailProps {
  title: string;
  paragraphs: string[];
  action: { label: string; url: string };
}

/** A billing email (payment failed, reminders, final notice, trial ending): paragraphs and one button. */
export function BillingNoticeEmail({ title, paragraphs, action }: BillingNoticeEmailProps) {
  return (
    <EmailLayout preview={title}>
      <Text style={{ fontSize: 18, fontWeight: 600, color: '#1f2333' }}>{title}</Text>
      {paragraphs.map((para, i) => (
        <Text key={i} style={{ fontSize: 14, color: '#1f2333' }}>
          {para}
        </Text>
      ))}
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
      <Text style={{ fontSize: 13, color: '#5b6072' }}>Link: {action.url}</Text>
    </EmailLayout>
  );
}
