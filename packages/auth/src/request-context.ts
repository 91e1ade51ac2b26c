import { AsyncLocalStorage } from 'node:async_hooks';

export interface AuthRequestContext {
  ip: string;
  requestId: string | null;
}

/** Who is calling next-auth right now: set by the route handler, read by the email provider and adapter. */
export const authRequestContext = new AsyncLocalStorage<AuthRequestContext>();

export function currentAuthRequest(): AuthRequestContext {
  return authRequestContext.getStore() ?? { ip: 'unknown', requestId: null };
}
