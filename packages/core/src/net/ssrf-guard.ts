import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

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
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['2001:db8::', 32], // documentation
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** `::ffff:a.b.c.d` (or its hex form) → `a.b.c.d`; anything else unchanged. */
export function unmapIPv4(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = Number.parseInt(hex[1]!, 16);
    const lo = Number.parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

export function isBlockedAddress(address: string): boolean {
  const ip = unmapIPv4(address);
  const family = isIP(ip);
  if (family === 0) return true;
  return BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export class SsrfBlockedError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'SsrfBlockedError';
  }
}

export interface GuardOptions {
  /** Hosts or IPs allowed despite being internal (LEVQOR_SSRF_ALLOW; development and tests only). */
  allow?: string[];
  resolve?: Resolver;
}

export interface CheckedTarget {
  url: URL;
  /** The address that was checked: connect to exactly this one (no DNS rebinding). */
  address: string;
  family: 4 | 6;
}

export function allowListFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  return (env.LEVQOR_SSRF_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Parses `raw` (the WHATWG parser normalises odd IPv4 notations such as `0x7f.1` or `2130706433`),
 * accepts only http(s), resolves the host and refuses internal addresses unless allow-listed.
 */
export async function checkTarget(raw: string, options: GuardOptions = {}): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfBlockedError(`"${raw.slice(0, 200)}" is not a valid URL`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SsrfBlockedError(`Only http and https URLs are allowed, not ${url.protocol}`, raw);
  if (url.username || url.password) throw new SsrfBlockedError('URLs with credentials are not allowed', raw);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allow = new Set(options.allow ?? []);
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await (options.resolve ?? systemResolver)(host).catch(() => []);
  if (addresses.length === 0) throw new SsrfBlockedError(`Cannot resolve host "${host}"`, raw);
  const hostAllowed = allow.has(host);
  for (const a of addresses) {
    if (!hostAllowed && !allow.has(unmapIPv4(a.address)) && isBlockedAddress(a.address)) {
      throw new SsrfBlockedError(
        `Refusing to connect to ${host} (${a.address}): internal, private or reserved address`,
        raw,
      );
    }
  }
  const chosen = addresses[0]!;
  return { url, address: unmapIPv4(chosen.address), family: isIP(unmapIPv4(chosen.address)) === 6 ? 6 : 4 };
}
