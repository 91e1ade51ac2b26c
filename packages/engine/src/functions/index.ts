import type { EventSender } from '@levqor/core';
import type { Database } from '@levqor/db';
import { createEngineClient, type EngineClient, type EngineProvider } from '../engine-client';
import { createRegistry, type Registry } from '../registry';
import {
  billingBudgetAlertsFunction,
  billingDunningFunction,
  billingMeterOverageFunction,
  billingReconcileFunction,
  billingStripeEventFunction,
} from './billing';
import { healthRecordFunction } from './health-record';
import { intelligenceLedgerFunction } from './intelligence-ledger';
import { intelligenceRecommendFunction } from './intelligence-recommend';
import { dailySummaryFunction, weeklyReportFunction } from './intelligence-reports';
import { alertsDispatchFunction, intelligenceRollupFunction } from './intelligence-rollup';
import { jobsRunFunction } from './jobs-run';
import { privacyExportFunction } from './privacy-export';
import { privacyErasuresFunction, retentionApplyFunction } from './privacy-sweep';
import { stabilizeCheckFunction } from './stabilize-check';
import { pauseInStabilizeMode } from './stabilize-pause';
import { webhooksDeliverFunction } from './webhooks-deliver';

export interface LevqorEngine {
  registry: Registry;
  /** The event sender domain code uses (tRPC context, REST gateway, job handlers). */
  client: EngineClient;
}

/** Levqor's job definitions and the client that hands them work. */
export function createLevqorEngine(db: Database, opts: { provider?: EngineProvider } = {}): LevqorEngine {
  let client: EngineClient | undefined;
  // Handlers send events (webhooks) through the same client; it exists before any handler runs.
  const events: EventSender = {
    send: (tx, e) => client!.send(tx, e),
    flush: () => client!.flush(),
  };
  const registry = createRegistry(
    [
      jobsRunFunction(db, events),
      webhooksDeliverFunction(db),
      healthRecordFunction(db),
      billingStripeEventFunction(db, events),
      billingDunningFunction(db),
      billingReconcileFunction(db),
      billingBudgetAlertsFunction(db),
      billingMeterOverageFunction(db),
      intelligenceRollupFunction(db),
      alertsDispatchFunction(db),
      stabilizeCheckFunction(db),
      intelligenceLedgerFunction(db),
      intelligenceRecommendFunction(db),
      weeklyReportFunction(db),
      dailySummaryFunction(db),
      privacyExportFunction(db),
      privacyErasuresFunction(db),
      retentionApplyFunction(db),
    ].map((def) => pauseInStabilizeMode(db, def)),
  );
  client = createEngineClient({ db, registry, provider: opts.provider });
  return { registry, client };
}
