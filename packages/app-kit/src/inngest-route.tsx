import { createInngestHandler } from '@levqor/engine';
import { getLevqorEngine } from './engine';

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
let handlers: Record<'GET' | 'POST' | 'PUT', Handler> | undefined;

function get(method: 'GET' | 'POST' | 'PUT'): Handler {
  handlers ??= createInngestHandler(getLevqorEngine().registry) as unknown as Record<
    'GET' | 'POST' | 'PUT',
    Handler
  >;
  return handlers[method];
}

/** `app/api/inngest/route.ts`: the Inngest serve endpoint for Levqor's job definitions. */
export const inngestRoute = {
  GET: (req: Request, ctx: unknown) => get('GET')(req, ctx),
  POST: (req: Request, ctx: unknown) => get('POST')(req, ctx),
  PUT: (req: Request, ctx: unknown) => get('PUT')(req, ctx),
};
