import type { Inngest } from 'inngest';
import { serve } from 'inngest/next';
import type { LogSink } from '../log';
import type { Registry } from '../registry';
import { createInngestClient } from './client';
import { createInngestFunctions } from './functions';

export interface InngestHandlerOptions {
  client?: Inngest.Any;
  log?: LogSink;
}

/**
 * The Inngest serve endpoint for a Next route handler:
 * `export const { GET, POST, PUT } = createInngestHandler(registry);` in `app/api/inngest/route.ts`.
 */
export function createInngestHandler(registry: Registry, options: InngestHandlerOptions = {}) {
  const client = options.client ?? createInngestClient();
  return serve({ client, functions: createInngestFunctions(client, registry, { log: options.log }) });
}
