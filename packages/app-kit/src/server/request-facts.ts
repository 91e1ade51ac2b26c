import type { IncomingMessage } from 'node:http';
import { APP_SERVER_HEADERS, PROOF_HEADER } from '@levqor/config/app-server-proof';
import { isLoopbackAddress } from '@levqor/config/listen';

/** Headers a proxy adds: a request carrying any of them did not come straight from this machine's user. */
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'via'];

export interface AppOriginRules {
  /** Origins next-auth may build links for (`appOrigins`). */
  origins: string[];
  /** The app's configured URL: used when the request's Host is not one of `origins`. */
  primary: URL;
}

/**
 * Writes what the app server knows about a request into headers for the code behind it, after removing
 * every `x-levqor-*` header the client sent: the proof (`x-levqor-proof`), the client IP, whether the
 * socket peer is loopback (and no proxy was involved), the request's path and query (`req.url`, already
 * canonical), and the origin next-auth works on
 * (`x-forwarded-host`/`-proto`: the request's own host when it is one of the app's origins, else the
 * configured one). Returns whether the peer is loopback.
 */
export function establishRequestFacts(
  req: IncomingMessage,
  facts: { ip: string; proof: string; origin: AppOriginRules },
): { loopback: boolean } {
  const h = req.headers;
  const proxied = PROXY_HEADERS.some((name) => h[name] !== undefined);
  const loopback = !proxied && isLoopbackAddress(req.socket.remoteAddress);
  for (const name of Object.keys(h)) if (name.startsWith('x-levqor-')) delete h[name];
  h[PROOF_HEADER] = facts.proof;
  h[APP_SERVER_HEADERS.clientIp] = facts.ip;
  h[APP_SERVER_HEADERS.loopback] = loopback ? '1' : '0';
  h[APP_SERVER_HEADERS.path] = req.url ?? '/';
  h['x-forwarded-for'] = facts.ip;
  const proto = facts.origin.primary.protocol; // 'http:' | 'https:'
  const host = typeof h.host === 'string' ? h.host.toLowerCase() : '';
  h['x-forwarded-host'] = facts.origin.origins.includes(`${proto}//${host}`)
    ? host
    : facts.origin.primary.host;
  h['x-forwarded-proto'] = proto.slice(0, -1);
  return { loopback };
}
