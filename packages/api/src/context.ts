import type { ApiKeyPrincipal, EventSender } from '@levqor/core';
import type { Database } from '@levqor/db';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: 'user' | 'admin';
}

export interface CreateContextOptions {
  db: Database;
  /** The signed-in user, resolved by the app (next-auth session). */
  user: SessionUser | null;
  /** The API key authenticating a REST request (never set together with a session user). */
  apiKey?: ApiKeyPrincipal | null;
  requestId: string;
  /** Hands work to the job engine inside the caller's transaction. */
  events: EventSender;
  headers?: Headers;
}

export function createContext(opts: CreateContextOptions) {
  return {
    db: opts.db,
    user: opts.user,
    apiKey: opts.apiKey ?? null,
    requestId: opts.requestId,
    events: opts.events,
    headers: opts.headers ?? new Headers(),
  };
}
export type Context = ReturnType<typeof createContext>;
