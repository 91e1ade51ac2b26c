// Renders every template and prints the HTML lengths as JSON. tsx-runtime.test.ts runs this file
// through tsx — the worker's and app servers' runtime — not through Vitest's transform.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { BillingNoticeEmail } from './templates/billing-notice';
import { MagicLinkEmail } from './templates/magic-link';
import { NoticeEmail } from './templates/notice';
import { PrivacyEmail } from './templates/privacy';
import { ReportEmail } from './templates/report';

const notice = await render(createElement(NoticeEmail, { title: 'Rendered by tsx', body: 'One.\n\nTwo.' }));
const magic = await render(
  createElement(MagicLinkEmail, { url: 'http://localhost:3000/api/auth/callback/email?token=t', host: 'x' }),
);
const billing = await render(
  createElement(BillingNoticeEmail, {
    title: 'Payment failed',
    paragraphs: ['One.'],
    action: { label: 'Update payment method', url: 'http://localhost:3000/dashboard/billing' },
  }),
);
const privacy = await render(
  createElement(PrivacyEmail, {
    title: 'Export',
    body: 'Ready.',
    code: '123456',
    action: { label: 'Go', url: 'x' },
  }),
);
const report = await render(
  createElement(ReportEmail, {
    title: 'Weekly report',
    intro: 'From recorded data.',
    sections: [{ heading: 'People', lines: ['Signups: 2'] }],
  }),
);
console.log(JSON.stringify({ notice, magic, billing, privacy, report }));
