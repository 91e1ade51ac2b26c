/**
 * Where the apps answer during the e2e run. `localhost` (not 127.0.0.1) everywhere: sign-in links and
 * session cookies are issued for the URLs the launcher gives the apps (http://localhost:<port>).
 */
export const WEB_URL = 'http://localhost:3000';
export const ADMIN_URL = 'http://localhost:3001';
export const DEVELOPERS_URL = 'http://localhost:3002';

export const APPS = [
  { service: 'web', url: WEB_URL },
  { service: 'admin', url: ADMIN_URL },
  { service: 'developers', url: DEVELOPERS_URL },
] as const;

export const MAILBOX_URL = `${WEB_URL}/dev/mailbox`;
