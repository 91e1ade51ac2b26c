import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address: the socket's peer, or — behind `trustedProxies` reverse proxies — the
 * X-Forwarded-For entry that many hops from the right. Entries a client writes itself sit further left
 * and are never used, so a spoofed header buys nothing.
 */
export function clientIp(
  req: IncomingMessage,
  trustedProxies = Number(process.env.LEVQOR_TRUSTED_PROXIES ?? 0),
): string {
  const peer = normalize(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies) return peer;
  const raw = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(raw) ? raw.join(',') : (raw ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // [client, proxy1, …, proxyN-1] + peer (= proxy N): the client is trustedProxies entries from the right.
  const candidate = chain[chain.length - trustedProxies];
  return candidate && isIP(normalize(candidate)) ? normalize(candidate) : peer;
}

function normalize(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}
