import { createHmac } from 'node:crypto';

/**
 * Keyed hash of PII (emails, IPs, actors) for the security log: HMAC-SHA256 under LEVQOR_SECRET, so a
 * hash cannot be reversed by hashing guesses (a plain SHA-256 of an email can).
 */
export function hashPii(value: string, secret = process.env.LEVQOR_SECRET): string {
  if (!secret)
    throw new Error('LEVQOR_SECRET is not set: the security log cannot hash personal data without it.');
  return createHmac('sha256', secret).update(value.trim().toLowerCase()).digest('hex');
}
