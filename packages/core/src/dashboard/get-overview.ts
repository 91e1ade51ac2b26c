import type { DbOrTx } from '@levqor/db';
import { z } from 'zod';
import { getFirstRunChecklist, ZFirstRunChecklist } from './get-first-run-checklist';
import { getJobHealth, ZHealthWindow } from './get-job-health';
import { getSpendForecast, ZSpendForecast } from './get-spend-forecast';
import { listRecentFailures, ZRecentFailure } from './list-recent-failures';

export const ZDashboardOverview = z
  .object({
    generated_at: z.string(),
    health: z.object({ '24h': ZHealthWindow, '7d': ZHealthWindow }),
    spend: ZSpendForecast,
    recent_failures: z.array(ZRecentFailure),
    checklist: ZFirstRunChecklist,
  })
  .meta({ id: 'DashboardOverview' });
export type DashboardOverview = z.infer<typeof ZDashboardOverview>;

/** Everything the dashboard's Overview shows, for one workspace, at one instant. */
export async function getDashboardOverview(
  db: DbOrTx,
  options: { workspaceId: string; now?: Date },
): Promise<DashboardOverview> {
  const now = options.now ?? new Date();
  const { workspaceId } = options;
  const [health, spend, recent_failures, checklist] = await Promise.all([
    getJobHealth(db, { workspaceId, now }),
    getSpendForecast(db, { workspaceId, now }),
    listRecentFailures(db, { workspaceId, limit: 5 }),
    getFirstRunChecklist(db, { workspaceId }),
  ]);
  return { generated_at: now.toISOString(), health, spend, recent_failures, checklist };
}
