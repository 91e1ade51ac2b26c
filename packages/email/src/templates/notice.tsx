import { Text } from '@react-email/components';
import { EmailLayout } from './layout';

/** A plain message: a title and paragraphs. Used for notifications and workflow `email` steps. */
export function NoticeEmail({ title, body }: { title: string; body: string }) {
  return (
    <EmailLayout preview={title}>
      <Text style={{ fontSize: 18, fontWeight: 600, color: '#1f2333' }}>{title}</Text>
      {body.split(/\n{2,}/).map((para, i) => (
        <Text key={i} style={{ fontSize: 14, color: '#1f2333', whiteSpace: 'pre-wrap' }}>
          {para}
        </Text>
      ))}
    </EmailLayout>
  );
}
