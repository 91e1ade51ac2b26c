import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './sign-webhook';

/**
 * Known answers computed outside Levqor, with OpenSSL:
 *   printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac '<secret>' -hex
 * A receiver in any language that follows the documented recipe gets these exact values.
 */
const SECRET = 'whsec_0123456789abcdefABCDEFghijklmn';
const T = 1_700_000_000;
const BODY = '{"type":"job.succeeded","data":{"job":{"id":"job_kat"}}}';
const HEADER = `t=${T},v1=a0144a7906fc0b4ddddcc155e89cd3ed35814e2079880ed0afa1d8db15be413c`;

describe('Levqor-Signature', () => {
  it('matches the known-answer vectors', () => {
    expect(signWebhook(SECRET, BODY, T)).toBe(HEADER);
    expect(signWebhook(SECRET, '', T)).toBe(
      `t=${T},v1=f70011011955828ad4374a4a6a1a9a44162ee4efbf3632f93486ec9329ac76b0`,
    );
    expect(verifyWebhook(SECRET, BODY, HEADER, 300, T)).toBe(true);
  });

  it('accepts a timestamp up to the tolerance away (either side), and refuses one second beyond', () => {
    expect(verifyWebhook(SECRET, BODY, HEADER, 300, T + 300)).toBe(true);
    expect(verifyWebhook(SECRET, BODY, HEADER, 300, T + 301)).toBe(false); // a replay, or a stale delivery
    expect(verifyWebhook(SECRET, BODY, HEADER, 300, T - 300)).toBe(true); // the receiver's clock behind
    expect(verifyWebhook(SECRET, BODY, HEADER, 300, T - 301)).toBe(false);
    expect(verifyWebhook(SECRET, BODY, HEADER, 60, T + 61)).toBe(false);
    expect(verifyWebhook(SECRET, BODY, HEADER, 3_600, T + 3_600)).toBe(true);
  });

  it('refuses a changed body, another secret, a re-dated signature and malformed headers', () => {
    expect(verifyWebhook(SECRET, BODY.replace('job_kat', 'job_kaT'), HEADER, 300, T)).toBe(false);
    expect(verifyWebhook(`${SECRET}x`, BODY, HEADER, 300, T)).toBe(false);
    // The timestamp is signed: moving it forward (to pass the tolerance) breaks the signature.
    expect(verifyWebhook(SECRET, BODY, HEADER.replace(`t=${T}`, `t=${T + 600}`), 300, T + 600)).toBe(false);
    for (const header of [
      '',
      `t=${T}`,
      `v1=${HEADER.split('v1=')[1]}`,
      `t=abc,v1=${HEADER.split('v1=')[1]}`,
      `t=${T}.5,v1=${HEADER.split('v1=')[1]}`,
      `t=${T},v1=${HEADER.split('v1=')[1]!.slice(0, 63)}`,
      `t=${T},v1=${HEADER.split('v1=')[1]!.toUpperCase()}`,
    ])
      expect(verifyWebhook(SECRET, BODY, header, 300, T), header).toBe(false);
  });
});
