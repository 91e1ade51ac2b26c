import { isIP } from 'node:net';
import { hashPii } from '../security/pii-hash';

/** The eight hextets of an IPv6 address (zone removed, `::` expanded, an embedded IPv4 tail converted). */
function hextets(ip: string): number[] | null {
  const address = ip.split('%')[0]!;
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (group.includes('.')) {
        if (isIP(group) !== 4) return null;
        const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/i.test(group)) out.push(Number.parseInt(group, 16));
      else return null;
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/**
 * Who a client is for rate limiting: an IPv4 address as it is; an IPv6 address by its /64 network, since
 * one subscriber usually holds a whole /64 and could otherwise take a fresh address for every request.
 */
export function rateLimitSubject(ip: string): string {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIP(v4) === 4) return v4;
  if (isIP(ip.split('%')[0]!) !== 6) return ip;
  const h = hextets(ip);
  if (!h) return ip;
  return `${h
    .slice(0, 4)
    .map((n) => n.toString(16))
    .join(':')}::/64`;
}

/**
 * The part of a rate-limit key that names a client: the keyed hash (HMAC under LEVQOR_SECRET, as in the
 * security log) of its subject, so counters never hold a raw address.
 */
export function clientKey(ip: string): string {
  return hashPii(rateLimitSubject(ip));
}
