import { Heading, Text } from '@react-email/components';
import { EmailLayout } from './layout';

export interface ReportEmailProps {
  title: string;
  intro: string;
  sections: { heading: string; lines: string[] }[];
}

/** A scheduled report (weekly governance report, daily ops summary): a heading and a line per figure. */
export function ReportEmail({ title, intro, sections }: ReportEmailProps) {
  return (
    <EmailLayout preview={title}>
      <Text style={{ fontSize: 18, fontWeight: 600, color: '#1f2333' }}>{title}</Text>
      <Text style={{ fontSize: 13, color: '#5b6072' }}>{intro}</Text>
      {sections.map((s) => (
        <div key={s.heading}>
          <Heading as="h3" style={{ fontSize: 15, color: '#1f2333', margin: '18px 0 4px' }}>
            {s.heading}
          </Heading>
          {s.lines.map((line, i) => (
            <Text key={i} style={{ fontSize: 14, color: '#1f2333', margin: '2px 0' }}>
              {line}
            </Text>
          ))}
        </div>
      ))}
    </EmailLayout>
  );
}
