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

/**
 * The fake third parties (`e2e/support/fake-upstreams.ts`: a web page and an OpenAI-compatible API),
 * started by Playwright and reached by the launcher's worker.
 */
export const E2E_FAKES_PORT = Number(process.env.LEVQOR_E2E_FAKES_PORT ?? 3009);
export const FAKES_URL = `http://127.0.0.1:${E2E_FAKES_PORT}`;
