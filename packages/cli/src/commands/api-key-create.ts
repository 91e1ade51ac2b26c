import {
  API_SCOPES,
  createApiKey,
  DomainError,
  getUserByEmail,
  listWorkspacesForUser,
  ZApiScope,
} from '@levqor/core';
import { z } from 'zod';
import { UsageError } from '../cli-error';
import { withDatabase } from '../with-database';

const ZArgs = z.object({
  email: z.email({
    error: (iss) =>
      iss.input ? `"${String(iss.input)}" is not a valid email address` : '--email is required',
  }),
  workspace: z.string().min(1).max(100).optional(),
  scopes: z
    .string({ error: `--scopes is required: a comma-separated list of ${API_SCOPES.join(', ')}` })
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ZApiScope).min(1, '--scopes needs at least one scope')),
  name: z.string().trim().min(1).max(80).default('CLI key'),
  'rate-limit': z
    .string()
    .regex(/^\d{1,6}$/, '--rate-limit is a whole number of requests per minute')
    .transform(Number)
    .optional(),
});

/** `pnpm levqor api-key create`: prints a new key once (bootstrap for self-hosters and CI). */
export async function apiKeyCreate(values: Record<string, unknown>): Promise<void> {
  const parsed = ZArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  const args = parsed.data;
  await withDatabase(async (db) => {
    const user = await getUserByEmail(db, args.email);
    if (!user) throw new Error(`No user with email ${args.email}`);
    const all = await listWorkspacesForUser(db, user.id);
    if (all.length === 0) throw new Error(`${args.email} has no workspace yet (they have never signed in)`);
    const chosen = args.workspace
      ? all.find((a) => a.workspace.id === args.workspace || a.workspace.name === args.workspace)
      : all[0];
    if (!chosen) throw new Error(`${args.email} is not a member of a workspace "${args.workspace}"`);
    const workspaceId = chosen.workspace.id;
    const created = await createApiKey(db, {
      workspaceId,
      userId: user.id,
      input: { name: args.name, scopes: args.scopes, rate_limit_per_min: args['rate-limit'] ?? 600 },
    }).catch((err: unknown) => {
      if (err instanceof DomainError && err.details?.field === 'rate_limit_per_min')
        throw new UsageError(
          `${err.message} An operator raises the ceiling with LEVQOR_API_KEY_MAX_RATE_LIMIT (at most 100000), e.g. LEVQOR_API_KEY_MAX_RATE_LIMIT=${args['rate-limit']} pnpm levqor api-key create …`,
        );
      throw err;
    });
    console.error(
      `Created API key ${created.key.id} (${created.key.prefix}) for ${args.email} in workspace ${workspaceId}, scopes ${created.key.scopes.join(',')}. It is shown once:`,
    );
    console.log(created.plaintext);
  });
}
