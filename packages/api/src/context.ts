import type { EventSender } from '@levqor/core';
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
  requestId: string;
  /** Hands work to the job engine inside the caller's transaction. */
  events: EventSender;
  headers?: Headers;
}

export function createContext(opts: CreateContextOptions) {
  return { db: opts.db, user: opts.user, requestId: opts.requestId, events: opts.events, headers: opts.headers ?? new Headers() };
}
export type Context = ReturnType<typeof createContext>;
