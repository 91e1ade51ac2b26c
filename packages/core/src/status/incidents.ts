import { and, type DbOrTx, desc, eq, gte, inArray, incidents, incidentUpdates, ne, or } from '@levqor/db';
import { z } from 'zod';
import { recordAdminAction, ZAdminReason } from '../admin/admin-action';
import { DomainError, notFound } from '../errors';

export const STATUS_COMPONENTS = ['web', 'api', 'workers', 'database'] as const;
export type StatusComponent = (typeof STATUS_COMPONENTS)[number];
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const INCIDENT_IMPACTS = ['minor', 'major', 'critical'] as const;

const ZMessage = z
  .string()
  .trim()
  .min(5, 'Write an update of at least 5 characters: customers read it on /status')
  .max(2000, 'Keep the update under 2,000 characters');

export const ZCreateIncidentInput = z.object({
  title: z.string().trim().min(5, 'Give the incident a title of at least 5 characters').max(200),
  impact: z.enum(INCIDENT_IMPACTS, { error: 'impact is minor, major or critical' }),
  components: z
    .array(z.enum(STATUS_COMPONENTS, { error: 'components are web, api, workers or database' }))
    .min(1, 'Pick at least one affected component')
    .max(4),
  message: ZMessage,
  reason: ZAdminReason,
});
export type CreateIncidentInput = z.infer<typeof ZCreateIncidentInput>;

export const ZUpdateIncidentInput = z.object({
  id: z.string().regex(/^inc_\w+$/, 'id is an incident id (inc_…)'),
  status: z.enum(INCIDENT_STATUSES, { error: 'status is investigating, identified, monitoring or resolved' }),
  message: ZMessage,
  reason: ZAdminReason,
});
export type UpdateIncidentInput = z.infer<typeof ZUpdateIncidentInput>;

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentUpdateRow = typeof incidentUpdates.$inferSelect;
export type IncidentWithUpdates = IncidentRow & { updates: IncidentUpdateRow[] };

/** Opens an incident with its first public update (status "investigating"). Audited. */
export async function createIncident(
  db: DbOrTx,
  opts: { actor: string; input: CreateIncidentInput; now?: Date },
): Promise<IncidentRow> {
  const now = opts.now ?? new Date();
  const { title, impact, components, message, reason } = opts.input;
  return db.transaction(async (tx) => {
    const [incident] = await tx
      .insert(incidents)
      .values({
        title,
        impact,
        components: [...new Set(components)],
        createdBy: opts.actor,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(incidentUpdates).values({
      incidentId: incident!.id,
      status: 'investigating',
      message,
      actor: opts.actor,
      createdAt: now,
    });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.incident.create',
      target: incident!.id,
      reason,
      details: { title, impact, components },
    });
    return incident!;
  });
}

/**
 * Posts an update: a new stage (or the same, with news) and its message. A resolved incident is closed:
 * updates to it are refused. Audited.
 */
export async function updateIncident(
  db: DbOrTx,
  opts: { actor: string; input: UpdateIncidentInput; now?: Date },
): Promise<IncidentRow> {
  const now = opts.now ?? new Date();
  const { id, status, message, reason } = opts.input;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
    if (!current) throw notFound('Incident');
    if (current.status === 'resolved')
      throw new DomainError('validation', 'This incident is resolved; open a new incident instead.');
    const [updated] = await tx
      .update(incidents)
      .set({ status, updatedAt: now, resolvedAt: status === 'resolved' ? now : null })
      .where(eq(incidents.id, id))
      .returning();
    await tx
      .insert(incidentUpdates)
      .values({ incidentId: id, status, message, actor: opts.actor, createdAt: now });
    await recordAdminAction(tx, {
      actor: opts.actor,
      action: 'admin.incident.update',
      target: id,
      reason,
      details: { from: current.status, to: status },
    });
    return updated!;
  });
}

async function withUpdates(db: DbOrTx, rows: IncidentRow[]): Promise<IncidentWithUpdates[]> {
  if (rows.length === 0) return [];
  const updates = await db
    .select()
    .from(incidentUpdates)
    .where(
      inArray(
        incidentUpdates.incidentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(incidentUpdates.createdAt));
  return rows.map((r) => ({ ...r, updates: updates.filter((u) => u.incidentId === r.id) }));
}

/**
 * Incidents that are open, or were resolved within `historyDays` (default 90), newest first, each with
 * its updates newest first (at most 50).
 */
export async function listIncidents(
  db: DbOrTx,
  opts: { now?: Date; historyDays?: number } = {},
): Promise<IncidentWithUpdates[]> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - (opts.historyDays ?? 90) * 86_400_000);
  const rows = await db
    .select()
    .from(incidents)
    .where(or(ne(incidents.status, 'resolved'), and(gte(incidents.resolvedAt, since))))
    .orderBy(desc(incidents.createdAt))
    .limit(50);
  return withUpdates(db, rows);
}
