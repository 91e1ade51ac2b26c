import { RootDocument } from '@levqor/app-kit/root-document';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Levqor Admin console', template: '%s · Levqor Admin console' },
  description: 'Levqor administration.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument>{children}</RootDocument>;
}
