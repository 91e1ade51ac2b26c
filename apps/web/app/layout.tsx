import { RootDocument } from '@levqor/app-kit/root-document';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { default: 'Levqor', template: '%s · Levqor' },
  description:
    'Job orchestration for AI automation: define workflows, run them durably, see every step and its cost.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return <RootDocument>{children}</RootDocument>;
}
