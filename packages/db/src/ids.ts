import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random bytes drawn from a pool refilled 4 KB at a time: one CSPRNG call per ~100 ids, not per id. */
const pool = Buffer.allocUnsafe(4096);
let poolOffset = pool.length;
function randomByte(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

/** Random base62 string of `length` characters (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += ALPHABET[byte % 62];
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
  | 'hc'
  | 'anm'
  | 'rpt'
  | 'arl'
  | 'alr'
  | 'rec'
  | 'aln'
  | 'prq'
  | 'obj'
  | 'cns'
  | 'mkt'
  | 'doc'
  | 'lga'
  | 'ana'
  | 'inc'
  | 'iup'
  | 'slc';

/** Prefixed, sortable-enough random id such as `ws_3kT9…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(20)}`;
}
