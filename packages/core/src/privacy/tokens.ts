import { createHash, createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '@levqor/db';

/** A secret for a link (≈190 bits); only its hash is stored. */
export const newLinkToken = (): string => randomBase62(32);

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A 6-digit one-time code (uniform, leading zeros kept). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

function secret(env = process.env): string {
  if (!env.LEVQOR_SECRET) throw new Error('LEVQOR_SECRET is not set: privacy links cannot be signed.');
  return env.LEVQOR_SECRET;
}

const mac = (purpose: string, value: string) =>
  createHmac('sha256', secret()).update(`${purpose}\n${value}`).digest('base64url');

/**
 * A signed, self-contained token naming an email address for one purpose (the unsubscribe link): it
 * proves the link came from us without any lookup an outsider could probe.
 */
export function signAddress(purpose: string, email: string): string {
  const body = Buffer.from(email.toLowerCase()).toString('base64url');
  return `${body}.${mac(purpose, email.toLowerCase())}`;
}

/** The address a signed token names, or null when the token is malformed or not ours. */
export function verifyAddress(purpose: string, token: string): string | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.length > 600) return null;
  const email = Buffer.from(body, 'base64url').toString('utf8');
  const expected = Buffer.from(mac(purpose, email));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return email;
}
