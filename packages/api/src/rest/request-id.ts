import { randomUUID } from 'node:crypto';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a fresh one. */
export function requestIdOf(given: string | null | undefined): string {
  return given && VALID.test(given) ? given : randomUUID();
}
