import { requestIdOf } from '@levqor/api/rest/request-id';

/** The request id set by the app server (or the caller's sane `X-Request-Id`, or a fresh one). */
export function requestIdFrom(headers: Headers): string {
  return requestIdOf(headers.get('x-request-id'));
}
