import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Proof that a request's `x-levqor-*` headers were written by Levqor's app server in this process, not
 * by the client: the app server removes every `x-levqor-*` header a client sends, sets its own (client
 * IP, loopback peer, limits already counted) and adds `x-levqor-proof` with a secret drawn once per
 * process. Code behind it (route handlers, tRPC procedures) trusts those headers only with the proof, so
 * an app run without the app server (plain `next start`) never believes a client's copy.
 *
 * The secret lives on `globalThis`: Next compiles its own copy of this module, in the same process.
 */
export const PROOF_HEADER = 'x-levqor-proof';

const KEY = Symbol.for('levqor.app-server-proof');
type GlobalWithProof = typeof globalThis & { [KEY]?: string };

/** The app server's secret for this process (created on first use). */
export function appServerProof(): string {
  const g = globalThis as GlobalWithProof;
  g[KEY] ??= randomBytes(24).toString('base64url');
  return g[KEY];
}

/** True when `value` is this process's proof (and an app server issued one). */
export function isAppServerProof(value: string | null | undefined): boolean {
  const expected = (globalThis as GlobalWithProof)[KEY];
  if (!expected || !value || value.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(expected));
}

/** Headers set by the app server (read them only through `trustedRequestFacts`). */
export const APP_SERVER_HEADERS = {
  clientIp: 'x-levqor-client-ip',
  loopback: 'x-levqor-loopback',
  counted: 'x-levqor-counted',
  /** The canonical path and query of the request (what a guard sends the user back to). */
  path: 'x-levqor-path',
} as const;

export interface TrustedRequestFacts {
  /** The client's address as the app server resolved it; 'unknown' without an app server. */
  ip: string;
  /** The socket peer is loopback and no proxy header was present. */
  loopback: boolean;
  /** Names of the limits the app server already counted for this request. */
  counted: string[];
  /** The request's canonical path and query; null without an app server. */
  path: string | null;
}

/** What the app server established about a request; nothing without a valid proof. */
export function trustedRequestFacts(get: (name: string) => string | null | undefined): TrustedRequestFacts {
  if (!isAppServerProof(get(PROOF_HEADER)))
    return { ip: 'unknown', loopback: false, counted: [], path: null };
  return {
    ip: get(APP_SERVER_HEADERS.clientIp) || 'unknown',
    loopback: get(APP_SERVER_HEADERS.loopback) === '1',
    counted: (get(APP_SERVER_HEADERS.counted) ?? '').split(',').filter(Boolean),
    path: get(APP_SERVER_HEADERS.path) || null,
  };
}
