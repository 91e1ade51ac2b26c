'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
}

/** The app's navigation; `prefetch={false}` where every request counts against a rate limit (admin). */
export function NavLinks({ items, prefetch }: { items: NavItem[]; prefetch?: boolean }) {
  const pathname = usePathname();
  const matches = (href: string) =>
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  // The most specific match wins: on /dashboard/jobs, "Jobs" is current, not "Overview" (/dashboard).
  const current = items
    .filter((item) => matches(item.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <>
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            prefetch={prefetch === false ? false : undefined}
            aria-current={active ? 'page' : undefined}
          >
            {item.label}
          </Link>
        );
      })}
    </>
  );
}
