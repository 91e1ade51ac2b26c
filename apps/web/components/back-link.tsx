import Link from 'next/link';
import type { ReactNode } from 'react';

/** "← Jobs": the way back to the list a detail page belongs to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="faint" style={{ fontSize: 14 }}>
      ← {children}
    </Link>
  );
}
