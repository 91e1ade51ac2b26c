import type { NavItem } from '@levqor/ui';

export const PORTAL_HOME = '/quickstart';

export const PORTAL_NAV: NavItem[] = [
  { href: '/quickstart', label: 'Quickstart' },
  { href: '/keys', label: 'API keys' },
  { href: '/webhooks', label: 'Webhooks' },
  { href: '/usage', label: 'Usage' },
  { href: '/reference', label: 'API reference' },
];
