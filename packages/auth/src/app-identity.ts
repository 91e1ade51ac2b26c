import type { CookiesOptions } from 'next-auth';

export type AppName = 'web' | 'admin' | 'developers';

export interface AppIdentity {
  name: AppName;
  /** The app's public URL. */
  url: string;
  /** Cookies carry `Secure` (and the `__Secure-` / `__Host-` prefixes) when the app is served over https. */
  secure: boolean;
}

/**
 * Which app this process serves, as its app server announced it (`LEVQOR_APP`, `LEVQOR_APP_URL`);
 * without an app server, the web app at NEXTAUTH_URL.
 */
export function currentApp(env: Record<string, string | undefined> = process.env): AppIdentity {
  const raw = env.LEVQOR_APP;
  const name: AppName = raw === 'admin' || raw === 'developers' ? raw : 'web';
  const url =
    env.LEVQOR_APP_URL ??
    env.NEXTAUTH_URL ??
    env[`LEVQOR_${name.toUpperCase()}_URL`] ??
    'http://localhost:3000';
  return { name, url, secure: url.startsWith('https:') };
}

/**
 * next-auth's cookies under names of this app's own: `levqor-web.session-token`, `levqor-admin.…`. On
 * localhost every port shares one cookie jar, so with next-auth's default names a session made on the
 * admin console (:3001) was also sent to the dashboard (:3000) as its own.
 */
export function authCookies(app: AppIdentity): Partial<CookiesOptions> {
  const base = `levqor-${app.name}`;
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: app.secure };
  return {
    sessionToken: { name: `${app.secure ? '__Secure-' : ''}${base}.session-token`, options },
    callbackUrl: { name: `${app.secure ? '__Secure-' : ''}${base}.callback-url`, options },
    csrfToken: { name: `${app.secure ? '__Host-' : ''}${base}.csrf-token`, options },
  };
}
