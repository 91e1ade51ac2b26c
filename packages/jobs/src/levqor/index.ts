import type { EventSender } from '@levqor/core';
import type { Database } from '@levqor/db';
import { createJobsClient, type JobsClient, type JobsProvider } from '../jobs-client';
import { createRegistry, type Registry } from '../registry';
import { deliverWebhookDefinition } from './deliver-webhook';
import { recordHealthDefinition } from './record-health';
import { runJobDefinition } from './run-job';

export interface LevqorJobs {
  registry: Registry;
  /** The event sender domain code uses (tRPC context, REST gateway, job handlers). */
  client: JobsClient;
}

/** Levqor's job definitions and the client that hands them work. */
export function createLevqorJobs(db: Database, opts: { provider?: JobsProvider } = {}): LevqorJobs {
  let client: JobsClient | undefined;
  // Handlers send events (webhooks) through the same client; it exists before any handler runs.
  const events: EventSender = {
    send: (tx, e) => client!.send(tx, e),
    flush: () => client!.flush(),
  };
  const registry = createRegistry([
    runJobDefinition(db, events),
    deliverWebhookDefinition(db),
    recordHealthDefinition(db),
  ]);
  client = createJobsClient({ db, registry, provider: opts.provider });
  return { registry, client };
}
