import { and, type DbOrTx, eq, isNull, reports, sql, users } from '@levqor/db';
import { ReportEmail, sendEmail } from '@levqor/email';
import { createElement } from 'react';
import { z } from 'zod';
import { recordAdminAction } from '../../admin/admin-action';
import type { ProcessingGate } from '../processing-gate';
import { publishReportToNotion } from './publish-to-notion';
import { renderReportPdf, reportSections, reportTitle } from './render-report-pdf';
import { computeReportFigures, type ReportFigures } from './report-figures';
import { type ReportPeriod, reportWeek, reportYesterday } from './report-period';

export type ReportKind = 'weekly' | 'daily';

export interface StoredReport {
  id: string;
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  /** False when the period's report already existed (a rerun): nothing was recomputed. */
  created: boolean;
}

const periodOf = (kind: ReportKind, tick: Date): ReportPeriod =>
  kind === 'weekly' ? reportWeek(tick) : reportYesterday(tick);

/**
 * Computes and stores the report of the period the cron tick `tick` closes: the weekly governance report
 * (with its PDF) or the daily ops summary. Once per kind and period: a second run finds the stored row
 * (unique kind + period) and returns it unchanged.
 */
export async function storeReport(
  db: DbOrTx,
  opts: { kind: ReportKind; tick: Date; gate?: ProcessingGate; now?: Date },
): Promise<StoredReport> {
  const period = periodOf(opts.kind, opts.tick);
  const existing = await findReport(db, opts.kind, period.start);
  if (existing) return { ...existing, created: false };
  const figures = await computeReportFigures(db, { period, gate: opts.gate });
  const pdf =
    opts.kind === 'weekly' ? await renderReportPdf(figures, { generatedAt: opts.now ?? new Date() }) : null;
  const [row] = await db
    .insert(reports)
    .values({ kind: opts.kind, periodStart: period.start, periodEnd: period.end, figures, pdf })
    .onConflictDoNothing({ target: [reports.kind, reports.periodStart] })
    .returning({ id: reports.id });
  if (!row) return { ...(await findReport(db, opts.kind, period.start))!, created: false };
  return { id: row.id, kind: opts.kind, periodStart: period.start, periodEnd: period.end, created: true };
}

async function findReport(db: DbOrTx, kind: ReportKind, periodStart: string) {
  const [r] = await db
    .select({ id: reports.id, periodStart: reports.periodStart, periodEnd: reports.periodEnd })
    .from(reports)
    .where(and(eq(reports.kind, kind), eq(reports.periodStart, periodStart)));
  return r ? { ...r, kind } : null;
}

/**
 * Mails the report to every administrator, once: the row is marked first (a concurrent or repeated run
 * sends nothing), unmarked again if sending fails so that the engine's retry sends it. The weekly report
 * carries its PDF as an attachment. Returns the number of messages sent.
 */
export async function mailReport(
  db: DbOrTx,
  opts: { reportId: string; env?: Record<string, string | undefined> },
): Promise<number> {
  const [claimed] = await db
    .update(reports)
    .set({ emailedAt: new Date() })
    .where(and(eq(reports.id, opts.reportId), isNull(reports.emailedAt)))
    .returning();
  if (!claimed) return 0;
  try {
    const admins = await db.select({ email: users.email }).from(users).where(eq(users.role, 'admin'));
    const figures = claimed.figures as ReportFigures;
    const kind = claimed.kind as ReportKind;
    const title = reportTitle(kind, figures);
    for (const a of admins)
      await sendEmail(
        db,
        {
          to: a.email,
          subject: title,
          react: createElement(ReportEmail, {
            title,
            intro:
              kind === 'weekly'
                ? 'The week’s governance report (Sunday to Saturday, Europe/London), from recorded data. The PDF is attached and in the admin console under Reports.'
                : 'Yesterday’s figures (Europe/London) and anomalies, from recorded data.',
            sections: reportSections(figures),
          }),
          attachments: claimed.pdf
            ? [{ filename: reportFilename(claimed), contentType: 'application/pdf', content: claimed.pdf }]
            : undefined,
        },
        opts.env as NodeJS.ProcessEnv | undefined,
      );
    return admins.length;
  } catch (error) {
    await db.update(reports).set({ emailedAt: null }).where(eq(reports.id, opts.reportId));
    throw error;
  }
}

/** Publishes a weekly report to Notion once (when configured); returns the page id or null. */
export async function publishReport(
  db: DbOrTx,
  opts: { reportId: string; env?: Record<string, string | undefined> },
): Promise<string | null> {
  const [r] = await db.select().from(reports).where(eq(reports.id, opts.reportId));
  if (r?.kind !== 'weekly') return null;
  if (r.notionPageId) return r.notionPageId;
  const pageId = await publishReportToNotion(r.figures as ReportFigures, opts.env);
  if (pageId) await db.update(reports).set({ notionPageId: pageId }).where(eq(reports.id, r.id));
  return pageId;
}

export function reportFilename(r: { kind: string; periodStart: string }): string {
  return `levqor-${r.kind === 'weekly' ? 'governance-report' : 'ops-summary'}-${r.periodStart}.pdf`;
}

export const ZListReportsInput = z.object({ limit: z.number().int().min(1).max(200).default(50) });
export type ListReportsInput = z.input<typeof ZListReportsInput>;

/** Stored reports, newest period first (admin console). */
export async function listReports(db: DbOrTx, raw: ListReportsInput = {}) {
  const opts = ZListReportsInput.parse(raw);
  const rows = await db
    .select({
      id: reports.id,
      kind: reports.kind,
      periodStart: reports.periodStart,
      periodEnd: reports.periodEnd,
      figures: reports.figures,
      hasPdf: sql<boolean>`${reports.pdf} is not null`,
      emailedAt: reports.emailedAt,
      notionPageId: reports.notionPageId,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .orderBy(sql`${reports.periodStart} desc`, reports.kind)
    .limit(opts.limit);
  return rows.map(({ figures, ...r }) => {
    const f = figures as ReportFigures;
    return {
      ...r,
      title: reportTitle(r.kind as ReportKind, f),
      signups: f.signups,
      mrrCents: f.mrrCents,
      marginCents: f.margin.marginCents,
      anomalies: f.anomalies.count,
    };
  });
}

/** A weekly report's PDF and its file name, or null when there is none. */
export async function getReportPdf(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ kind: reports.kind, periodStart: reports.periodStart, pdf: reports.pdf })
    .from(reports)
    .where(eq(reports.id, id));
  if (!r?.pdf) return null;
  return { filename: reportFilename(r), pdf: r.pdf };
}

/** A report id as the download route takes it (`rpt_` and base62). */
export const ZReportId = z.string().regex(/^rpt_[0-9A-Za-z]{1,40}$/, 'is not a report id');

/**
 * An administrator downloads a weekly report's PDF (admin console): null when the id names no report
 * with a PDF. The download is audited (who read which governance report).
 */
export async function downloadReportPdf(db: DbOrTx, opts: { reportId: string; adminId: string }) {
  const id = ZReportId.parse(opts.reportId);
  const file = await getReportPdf(db, id);
  if (!file) return null;
  await recordAdminAction(db, {
    actor: opts.adminId,
    action: 'admin.report.download',
    target: id,
    reason: 'governance report download',
  });
  return file;
}
