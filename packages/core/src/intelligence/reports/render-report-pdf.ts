import { metricLabel } from '../metrics';
import type { ReportFigures } from './report-figures';

/** Money in cents as a person reads it: `$1,234.56`, `-$3.20`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  return `${sign}$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/**
 * The PDF's standard font (Helvetica) encodes WinAnsi only: spell out the few symbols explanations use
 * and drop anything else it cannot show, rather than print the wrong glyph.
 */
export function pdfSafe(text: string): string {
  return text
    .replaceAll('σ', ' sigma')
    .replaceAll('≥', '>=')
    .replaceAll('≤', '<=')
    .replaceAll('→', '->')
    .replace(/[^\t\n\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, '?');
}

/** The lines of the report (the PDF's body, the email's text and the Notion page say the same). */
export function reportSections(f: ReportFigures): { heading: string; lines: string[] }[] {
  const alerts = Object.entries(f.alerts);
  return [
    {
      heading: 'People and revenue',
      lines: [
        `Users: ${f.users}`,
        `Signups: ${f.signups}`,
        `Conversions: ${f.conversions}`,
        `MRR (billed subscriptions when the report ran): ${formatCents(f.mrrCents)}`,
      ],
    },
    {
      heading: 'Margin (daily ledger)',
      lines: [
        `Revenue: ${formatCents(f.margin.revenueCents)}`,
        `AI spend: ${formatCents(f.margin.aiSpendCents)}`,
        `Infrastructure: ${formatCents(f.margin.infraCostCents)}`,
        `Margin: ${formatCents(f.margin.marginCents)}`,
        ...(f.lowestMargins.length
          ? [
              'Lowest margins:',
              ...f.lowestMargins.map((m) => `  ${m.workspaceId}: ${formatCents(m.marginCents)}`),
            ]
          : []),
      ],
    },
    {
      heading: 'Jobs',
      lines: [`Submitted: ${f.jobs.created}`, `Succeeded: ${f.jobs.succeeded}`, `Failed: ${f.jobs.failed}`],
    },
    {
      heading: 'Alerts and stability',
      lines: [
        `Alerts raised: ${alerts.length ? alerts.map(([s, c]) => `${c} ${s}`).join(', ') : 'none'}`,
        `Stabilize episodes: ${f.stabilizeEpisodes}`,
      ],
    },
    {
      heading: `Anomalies (${f.anomalies.count})`,
      lines: f.anomalies.items.length
        ? f.anomalies.items.map(
            (a) =>
              `${a.at.slice(0, 16).replace('T', ' ')} UTC, ${a.scope}, ${metricLabel(a.metric)}: ${a.explanation}`,
          )
        : ['None detected.'],
    },
    {
      heading: `Flags changed (${f.flagsChanged.length})`,
      lines: f.flagsChanged.length
        ? f.flagsChanged.map(
            (c) =>
              `${c.at.slice(0, 16).replace('T', ' ')} UTC ${c.action.replace('admin.flag.', '')} ${c.flag ?? ''} by ${c.actor}`,
          )
        : ['No flag changes.'],
    },
    ...(f.incidents
      ? [
          {
            heading: `Incidents (${f.incidents.opened.length} opened, ${f.incidents.resolved} resolved)`,
            lines: f.incidents.opened.length
              ? f.incidents.opened.map(
                  (i) =>
                    `${i.openedAt.slice(0, 16).replace('T', ' ')} UTC ${i.title} (${i.impact}, ${i.status}${i.resolvedAt ? `, resolved ${i.resolvedAt.slice(0, 16).replace('T', ' ')} UTC` : ''})`,
                )
              : ['No incidents opened.'],
          },
        ]
      : []),
    ...(f.recommendationsApplied
      ? [
          {
            heading: `Recommendations applied (${f.recommendationsApplied.length})`,
            lines: f.recommendationsApplied.length
              ? f.recommendationsApplied.map(
                  (r) => `${r.at.slice(0, 16).replace('T', ' ')} UTC ${r.kind}: ${r.title}`,
                )
              : ['None applied.'],
          },
        ]
      : []),
    ...(f.omitted.length ? [{ heading: 'Not reported', lines: f.omitted }] : []),
  ];
}

/** `Levqor governance report, week of 2026-03-22 to 2026-03-28` (the period's last day inclusive). */
export function reportTitle(kind: 'weekly' | 'daily', f: Pick<ReportFigures, 'period'>): string {
  const last = new Date(Date.parse(`${f.period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return kind === 'weekly'
    ? `Levqor governance report, ${f.period.start} to ${last}`
    : `Levqor daily ops summary, ${f.period.start}`;
}

/**
 * Renders the weekly governance report as a PDF (pdfkit, A4, standard fonts). pdfkit is loaded on first
 * use: only the process that renders (the worker, or the web app's Inngest route) ever loads it.
 */
export async function renderReportPdf(f: ReportFigures, opts: { generatedAt: Date }): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const title = reportTitle('weekly', f);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: title,
      Author: 'Levqor',
      Subject: 'Weekly governance report',
      CreationDate: opts.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(pdfSafe(title));
  doc
    .moveDown(0.3)
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(
      `Weeks run Sunday to Saturday, Europe/London. Generated ${opts.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC from recorded data. Users who object to analytics are not counted; workspaces whose owner objects to profiling are not named.`,
    )
    .fillColor('#000000');
  for (const section of reportSections(f)) {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(pdfSafe(section.heading));
    doc.moveDown(0.2).font('Helvetica').fontSize(10);
    for (const line of section.lines) doc.text(pdfSafe(line));
  }
  doc.end();
  return done;
}
