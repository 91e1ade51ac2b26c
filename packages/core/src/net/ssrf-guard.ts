import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { isLocal } from '@levqor/config';
import { log } from '@levqor/observability/logger';

/** Address ranges a server-side request must never reach (unless explicitly allowed). */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible (::a.b.c.d, deprecated)
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo (embeds an obfuscated IPv4)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds IPv4, deprecated)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/**
 * Names that only ever mean "this machine" or "this private network": refused before any DNS
 * lookup (RFC 6761 `localhost`, mDNS `.local`, the private-use `.internal` TLD — which includes
 * `metadata.google.internal` — and `home.arpa`).
 */
const BLOCKED_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

/**
 * The canonical text of an IP literal, or null for a non-IP: brackets and an IPv6 zone (`%eth0`) are
 * dropped, IPv6 is compressed and lower-cased by the WHATWG serializer, and IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`, `::ffff:7f00:1`, `0:0:0:0:0:ffff:127.0.0.1`…) becomes the IPv4 address.
 */
export function canonicalIp(address: string): string | null {
  let ip = address.trim().replace(/^\[|\]$/g, '');
  const zone = ip.indexOf('%');
  if (zone !== -1) ip = ip.slice(0, zone);
  const family = isIP(ip);
  if (family === 4) return ip;
  if (family !== 6) return null;
  let canonical: string;
  try {
    canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const hi = Number.parseInt(mapped[1]!, 16);
    const lo = Number.parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

/** `::ffff:a.b.c.d` (in any notation) → `a.b.c.d`; anything else unchanged. */
export function unmapIPv4(address: string): string {
  return canonicalIp(address) ?? address;
}

/** True for every address a server-side request must not reach; also for anything that is not an IP. */
export function isBlockedAddress(address: string): boolean {
  const ip = canonicalIp(address);
  if (ip === null) return true;
  return BLOCKED.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export type SsrfReason =
  | 'invalid_url'
  | 'scheme'
  | 'credentials'
  | 'blocked_name'
  | 'blocked_address'
  | 'too_many_redirects';

/** A refused outbound request. `host` is the URL's host (null when the URL does not parse). */
export class SsrfBlockedError extends Error {
  readonly reason: SsrfReason;
  readonly host: string | null;
  /** 0 for the URL asked for, n for the n-th redirect. */
  readonly hop: number;
  constructor(
    message: string,
    readonly url: string,
    details: { reason?: SsrfReason; host?: string | null; hop?: number } = {},
  ) {
    super(message);
    this.name = 'SsrfBlockedError';
    this.reason = details.reason ?? 'blocked_address';
    this.host = details.host ?? null;
    this.hop = details.hop ?? 0;
  }
}

/** The host could not be resolved: not a refusal, a (possibly transient) network failure. */
export class UnresolvableHostError extends Error {
  constructor(readonly host: string) {
    super(`Cannot resolve host "${host}"`);
    this.name = 'UnresolvableHostError';
  }
}

export interface GuardOptions {
  /**
   * Internal targets allowed anyway (LEVQOR_SSRF_ALLOW; development and tests only): `host` (every port)
   * or `host:port` (`[v6]:port` for IPv6). An entry matches the URL's host as written (after
   * normalisation: `0x7f.1` is `127.0.0.1`, `LOCALHOST.` is `localhost`) and, with a port, the URL's port
   * (the scheme's default when it names none) — never a name that merely resolves to an allowed address.
   */
  allow?: string[];
  resolve?: Resolver;
}

interface AllowEntry {
  host: string;
  /** null: every port. */
  port: number | null;
}

/** `host`, `host:port`, `[v6]` or `[v6]:port` (a bare IPv6 address is a host); null when malformed. */
export function parseAllowEntry(raw: string): AllowEntry | null {
  const entry = raw.trim();
  if (!entry) return null;
  let host = entry;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::([^:]*))?$/.exec(entry);
  if (bracketed) {
    host = bracketed[1]!;
    port = bracketed[2];
  } else if (entry.split(':').length === 2) {
    [host, port] = entry.split(':') as [string, string];
  }
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return null;
  const n = port === undefined ? null : Number(port);
  if (n !== null && (n < 1 || n > 65_535)) return null;
  // Normalised as a URL's host is (`0x7f.1` → `127.0.0.1`, `LOCALHOST.` → `localhost`).
  let parsed: string;
  try {
    parsed = new URL(`http://${host.includes(':') ? `[${host}]` : host}/`).hostname;
  } catch {
    return null;
  }
  const normalized = normalizeHost(parsed);
  return normalized ? { host: normalized, port: n } : null;
}

function formatAllowEntry(e: AllowEntry): string {
  if (e.port === null) return e.host;
  return `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}

/** Whether the URL's host and port are on the allow-list. */
function isAllowed(url: URL, host: string, allow: string[]): boolean {
  if (allow.length === 0) return false;
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return allow.some((raw) => {
    const e = parseAllowEntry(raw);
    return e !== null && e.host === host && (e.port === null || e.port === port);
  });
}

export interface CheckedTarget {
  url: URL;
  /** The address that was checked: connect to exactly this one (no DNS rebinding). */
  address: string;
  family: 4 | 6;
}

/** A host as compared against blocked names and the allow-list: lower case, no brackets, no final dot. */
export function normalizeHost(host: string): string {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  return canonicalIp(h) ?? h;
}

const warnedAllow = new Set<string>();

/**
 * LEVQOR_SSRF_ALLOW as a list of normalised `host` / `host:port` entries (malformed ones are dropped, with a
 * warning). It is a development and test switch: with NODE_ENV=production (and not LEVQOR_LOCAL=1) it is
 * ignored, and a warning says so once per process.
 */
export function allowListFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.LEVQOR_SSRF_ALLOW ?? '';
  const entries = raw.split(',').filter((s) => s.trim());
  const list = entries.flatMap((s) => {
    const e = parseAllowEntry(s);
    return e ? [formatAllowEntry(e)] : [];
  });
  if (list.length < entries.length && !warnedAllow.has(`malformed:${raw}`)) {
    warnedAllow.add(`malformed:${raw}`);
    log.warn(
      {
        detail: 'LEVQOR_SSRF_ALLOW has entries that are neither host nor host:port; they are ignored.',
        ignored: entries.length - list.length,
      },
      'ssrf.allow_malformed',
    );
  }
  if (list.length === 0) return [];
  if (!isLocal(env)) {
    if (!warnedAllow.has(raw)) {
      warnedAllow.add(raw);
      log.warn(
        {
          detail:
            'LEVQOR_SSRF_ALLOW is set but ignored: it is for development and tests only (NODE_ENV=production without LEVQOR_LOCAL=1).',
          entries: list.length,
        },
        'ssrf.allow_ignored',
      );
    }
    return [];
  }
  return list;
}

/**
 * Parses `raw` (the WHATWG parser normalises odd IPv4 notations such as `0x7f.1`, `0177.0.0.1` or
 * `2130706433`, upper-case schemes and hosts), accepts only http(s) without credentials, refuses
 * local-only names, resolves the host and refuses internal addresses unless the host is allow-listed.
 * Throws SsrfBlockedError (a refusal) or UnresolvableHostError (DNS failure).
 */
export async function checkTarget(raw: string, options: GuardOptions = {}): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfBlockedError(`"${raw.slice(0, 200)}" is not a valid URL`, raw, { reason: 'invalid_url' });
  }
  const shown = url.host.slice(0, 255) || null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SsrfBlockedError(`Only http and https URLs are allowed, not ${url.protocol}`, raw, {
      reason: 'scheme',
      host: shown,
    });
  if (url.username || url.password)
    throw new SsrfBlockedError('URLs with credentials are not allowed', raw, {
      reason: 'credentials',
      host: shown,
    });
  const host = normalizeHost(url.hostname);
  const allowed = isAllowed(url, host, options.allow ?? []);
  const literal = canonicalIp(host);
  if (!literal && !allowed && BLOCKED_NAME.test(host))
    throw new SsrfBlockedError(`Refusing to connect to ${host}: a local or private host name`, raw, {
      reason: 'blocked_name',
      host: shown,
    });
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses = [{ address: literal, family: isIP(literal) }];
  } else {
    addresses = await (options.resolve ?? systemResolver)(host).catch(() => []);
    if (addresses.length === 0) throw new UnresolvableHostError(host);
  }
  if (!allowed && addresses.some((a) => isBlockedAddress(a.address))) {
    // The address a name resolved to is not named: it would map the internal network for the asker.
    throw new SsrfBlockedError(
      literal
        ? `Refusing to connect to ${host}: a private/internal address`
        : `Refusing to connect to ${host}: it resolves to a private/internal address`,
      raw,
      { reason: 'blocked_address', host: shown },
    );
  }
  const chosen = canonicalIp(addresses[0]!.address);
  if (!chosen) throw new UnresolvableHostError(host);
  return { url, address: chosen, family: isIP(chosen) === 6 ? 6 : 4 };
}
