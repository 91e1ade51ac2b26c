import { createHash } from 'node:crypto';
import { randomBase62 } from '@levqor/db';

export type KeyEnvironment = 'live' | 'test';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^lvq_(live|test)_([0-9A-Za-z]{32})_([0-9A-Za-z]{6})$/;

/** 6 base62 characters derived from SHA-256 of the key's body: catches typos and garbage offline. */
export function checksum(body: string): string {
  let n = createHash('sha256').update(body).digest().readUInt32BE(0) * 256;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out += ALPHABET[n % 62];
    n = Math.floor(n / 62);
  }
  return out;
}

export function hashKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

/** A new key `lvq_<env>_<32 base62>_<checksum>`, its display prefix and its hash. */
export function generateKey(environment: KeyEnvironment) {
  const random = randomBase62(32);
  const body = `lvq_${environment}_${random}`;
  const plaintext = `${body}_${checksum(body)}`;
  return { plaintext, prefix: `${body.slice(0, 14)}…`, hash: hashKey(plaintext) };
}

/** True when `text` has the key format and a correct checksum — no database needed. */
export function isWellFormedKey(text: string): boolean {
  const m = KEY_PATTERN.exec(text);
  return !!m && checksum(`lvq_${m[1]}_${m[2]}`) === m[3];
}
