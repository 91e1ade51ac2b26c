import { randomUUID } from 'node:crypto';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && VALID.test(given) ? given : randomUUID();
}
