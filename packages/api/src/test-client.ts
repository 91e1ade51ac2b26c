import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventSender } from '@levqor/core';
import { getDb } from '@levqor/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { SessionUser } from './context';
import { createContext } from './context';
import { appRouter, createCaller } from './root';

let events: EventSender | null = null;

/** The engine's event sender used by test callers (set once by the test setup). */
export function useTestEvents(sender: EventSender): void {
  events = sender;
}

const unconfigured: EventSender = {
  send: () => Promise.reject(new Error('call useTestEvents(createEngineClient(...)) before submitting jobs')),
  flush: () => Promise.resolve(),
};

function testEvents(): EventSender {
  return events ?? unconfigured;
}

/** A caller acting as `user` (or anonymous), through the real procedures and middlewares. */
export function callerFor(user: SessionUser | null) {
  return createCaller(createContext({ db: getDb(), user, requestId: 'req_test', events: testEvents() }));
}

/**
 * `/api/trpc` on a real node:http server, through tRPC's fetch adapter as the apps' route handler uses it
 * (`packages/app-kit/src/trpc-route.tsx`). The one stand-in is the session: next-auth resolves it inside
 * Next, so here a test registers its user and sends the token in `x-test-session`.
 */
let server: Promise<{ base: string; sessions: Map<string, SessionUser> }> | null = null;

function trpcServer() {
  server ??= (async () => {
    const sessions = new Map<string, SessionUser>();
    const http = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      const token = req.headers['x-test-session'];
      const user = typeof token === 'string' ? (sessions.get(token) ?? null) : null;
      const response = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: request,
        router: appRouter,
        createContext: () =>
          createContext({ db: getDb(), user, requestId: 'req_http_test', events: testEvents(), headers }),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    http.unref();
    return { base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, sessions };
  })();
  return server;
}

/** One tRPC request over HTTP, as a browser would send it; returns the status, the JSON and the raw text. */
export async function trpcHttp(
  user: SessionUser | null,
  path: string,
  input: unknown,
  method: 'GET' | 'POST' = 'GET',
) {
  const { base, sessions } = await trpcServer();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (user) {
    const token = randomUUID();
    sessions.set(token, user);
    headers['x-test-session'] = token;
  }
  const body = JSON.stringify({ json: input });
  const url =
    method === 'GET'
      ? `${base}/api/trpc/${path}?input=${encodeURIComponent(body)}`
      : `${base}/api/trpc/${path}`;
  const res = await fetch(url, { method, body: method === 'POST' ? body : undefined, headers });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: JSON.parse(text) as {
      result?: { data: { json: unknown } };
      error?: { json: { message: string; data: Record<string, unknown> } };
    },
  };
}

/** A signed-in session of a test user (`makeUser`'s), as a regular user or an administrator. */
export function sessionOf(
  u: { id: string; email: string; name: string | null },
  role: 'user' | 'admin' = 'user',
): SessionUser {
  return { ...u, role };
}
