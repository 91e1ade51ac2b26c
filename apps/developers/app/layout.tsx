import { RootDocument } from '@levqor/app-kit/root-document';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Levqor Developers', template: '%s · Levqor Developers' },
  description: 'The Levqor REST API: keys, reference and webhooks.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument>{children}</RootDocument>;
}
