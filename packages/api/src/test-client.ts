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

/** One tRPC request through the fetch adapter, as a browser would send it; returns status and JSON. */
export async function trpcHttp(
  user: SessionUser | null,
  path: string,
  input: unknown,
  method: 'GET' | 'POST' = 'GET',
) {
  const body = JSON.stringify({ json: input });
  const url =
    method === 'GET'
      ? `http://test/api/trpc/${path}?input=${encodeURIComponent(body)}`
      : `http://test/api/trpc/${path}`;
  const req = new Request(url, {
    method,
    body: method === 'POST' ? body : undefined,
    headers: { 'content-type': 'application/json' },
  });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () =>
      createContext({ db: getDb(), user, requestId: 'req_http_test', events: testEvents() }),
  });
  return {
    status: res.status,
    json: (await res.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } },
  };
}
