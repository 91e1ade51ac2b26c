import { isIP } from 'node:net';
import { isLocal } from './env';

type RawEnv = Record<string, string | undefined>;

/** Loopback addresses: 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(ip: string | null | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return ip === '::1' || ip === '0:0:0:0:0:0:0:1';
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/**
 * The addresses the app servers listen on. `LEVQOR_HOST` (comma-separated IPs) when set; otherwise, in
 * local mode, loopback only (127.0.0.1 and ::1: the dev mailbox and printed sign-in links must not be
 * reachable from the network); otherwise every interface (`null`, a real deployment behind its proxy).
 */
export function listenHosts(env: RawEnv = process.env): string[] | null {
  const given = (env.LEVQOR_HOST ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (given.length > 0) return given.some((h) => WILDCARD.has(h)) ? null : given;
  return isLocal(env) ? ['127.0.0.1', '::1'] : null;
}

/** True when the app servers can only be reached from this machine. */
export function listensOnLoopbackOnly(env: RawEnv = process.env): boolean {
  const hosts = listenHosts(env);
  return hosts?.every((h) => isLoopbackAddress(h)) ?? false;
}

/** One line for the launcher's summary: where the apps can be reached from. */
export function describeListening(env: RawEnv = process.env): string {
  const hosts = listenHosts(env);
  if (hosts === null) return 'every network interface (LEVQOR_HOST to restrict)';
  const list = hosts.join(' and ');
  return listensOnLoopbackOnly(env)
    ? `${list} only: this machine, not the network (LEVQOR_HOST=0.0.0.0 to open)`
    : `${list} (LEVQOR_HOST)`;
}

/** The address to probe an app server on (its health check), as a URL host. */
export function probeHost(env: RawEnv = process.env): string {
  const first = listenHosts(env)?.[0] ?? '127.0.0.1';
  return isIP(first) === 6 ? `[${first}]` : first;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins an app answers sign-in for: its configured URL and, in local mode when that URL is on a
 * loopback name, the same port on the other loopback names (localhost, 127.0.0.1, [::1]) — so signing
 * in at http://127.0.0.1:3000 yields a link for http://127.0.0.1:3000, and the session cookie lands on
 * the host the person is using.
 */
export function appOrigins(appUrl: string, env: RawEnv = process.env): string[] {
  const url = new URL(appUrl);
  const origins = [url.origin];
  if (isLocal(env) && LOOPBACK_NAMES.includes(url.hostname)) {
    for (const name of LOOPBACK_NAMES) {
      const alias = new URL(url.origin);
      alias.hostname = name;
      if (!origins.includes(alias.origin)) origins.push(alias.origin);
    }
  }
  return origins;
}
