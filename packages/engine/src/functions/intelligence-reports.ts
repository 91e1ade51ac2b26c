import { mailReport, privacyGate, publishReport, type ReportKind, storeReport } from '@levqor/core';
import type { DbOrTx } from '@levqor/db';
import { defineFunction, ZCronTick } from '../define-function';

/** Sunday 09:00 in London, GMT or BST (the `TZ=` prefix works on both engines). */
export const WEEKLY_REPORT_CRON = 'TZ=Europe/London 0 9 * * 0';
/** Every day at 07:00 in London: yesterday's figures before the working day starts. */
export const DAILY_SUMMARY_CRON = 'TZ=Europe/London 0 7 * * *';

export interface ReportFunctionOptions {
  /** Environment for mail and Notion (tests point Notion at a local fake); default process.env. */
  env?: Record<string, string | undefined>;
}

function reportFunction(db: DbOrTx, kind: ReportKind, cron: string, opts: ReportFunctionOptions) {
  return defineFunction({
    id: kind === 'weekly' ? 'intelligence.weekly-report' : 'intelligence.daily-summary',
    trigger: { cron },
    payload: ZCronTick,
    retries: 3,
    // Not paused in stabilize mode: one light run per period, and a skipped period would be lost.
    handler: async ({ payload, io }) => {
      const report = await io.step('store', () =>
        storeReport(db, { kind, tick: new Date(payload.tick), gate: privacyGate(db) }),
      );
      const mailed = await io.step('mail', () => mailReport(db, { reportId: report.id, env: opts.env }));
      const notionPageId =
        kind === 'weekly'
          ? await io.step('notion', () => publishReport(db, { reportId: report.id, env: opts.env }))
          : null;
      return { ...report, mailed, notionPageId };
    },
  });
}

/**
 * `intelligence.weekly-report`: Sunday 09:00 Europe/London, the governance report of the week that
 * ended at midnight — stored once per week (with its PDF), mailed to the administrators with the PDF
 * attached, and published to Notion when NOTION_TOKEN and NOTION_DATABASE_ID are set.
 */
export function weeklyReportFunction(db: DbOrTx, opts: ReportFunctionOptions = {}) {
  return reportFunction(db, 'weekly', WEEKLY_REPORT_CRON, opts);
}

/** `intelligence.daily-summary`: 07:00 Europe/London, yesterday's figures and anomalies, mailed once. */
export function dailySummaryFunction(db: DbOrTx, opts: ReportFunctionOptions = {}) {
  return reportFunction(db, 'daily', DAILY_SUMMARY_CRON, opts);
}
