import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string of `length` characters (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export type IdPrefix =
  | 'usr'
  | 'ws'
  | 'mem'
  | 'mail'
  | 'wf'
  | 'wfv'
  | 'job'
  | 'step'
  | 'evt'
  | 'key'
  | 'sec'
  | 'led'
  | 'whd'
  | 'run'
  | 'req'
  | 'aud'
  | 'hc';

/** Prefixed, sortable-enough random id such as `ws_3kT9…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}
