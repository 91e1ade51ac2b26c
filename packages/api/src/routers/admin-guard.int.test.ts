import { eq, workspaces } from '@levqor/db';
import { makeUser, testDb } from '@levqor/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../root';
import { callerFor } from '../test-client';

/** Every procedure under `admin.*`, found from the router itself so a new one cannot be forgotten. */
const ADMIN_PATHS = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith('admin.'));

/** Inputs of admin procedures that take more than `{}`. */
const INPUTS: Record<string, () => unknown> = {
  'admin.legal.publish': () => ({
    kind: 'terms',
    version: `guard-${Math.random().toString(36).slice(2, 8)}`,
    summary: 'Admin guard test',
    body: 'Terms of service text for the admin guard test.',
    reason: 'Admin guard test publishes a version',
  }),
};

function call(caller: ReturnType<typeof callerFor>, path: string, input: unknown = {}) {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

/** Valid input for the procedures that need one (the rest take `{}`). */
async function inputFor(path: string): Promise<unknown> {
  if (INPUTS[path]) return INPUTS[path]!();
  if (!path.startsWith('admin.billing.')) return {};
  const { workspace } = await makeUser();
  // An override must change something (409 otherwise): restore a suspended workspace.
  if (path === 'admin.billing.restore')
    await testDb()
      .update(workspaces)
      .set({ suspendedAt: new Date(), suspendedReason: 'admin check' })
      .where(eq(workspaces.id, workspace.id));
  return { workspaceId: workspace.id, reason: 'admin check', plan: 'growth' };
}

describe('admin procedures', () => {
  it('exist', () => {
    expect(ADMIN_PATHS).toEqual(
      expect.arrayContaining([
        'admin.users.list',
        'admin.securityEvents.list',
        'admin.billing.overview',
        'admin.billing.attention',
        'admin.billing.stripeEvents',
        'admin.billing.replayStripeEvent',
        'admin.health.get',
        'admin.analytics.get',
      ]),
    );
  });

  it.each(ADMIN_PATHS)(
    '%s refuses a signed-in non-admin (FORBIDDEN) and an anonymous caller (UNAUTHORIZED)',
    async (path) => {
      const { user } = await makeUser();
      const asUser = await call(
        callerFor({ id: user.id, email: user.email, name: user.name, role: 'user' }),
        path,
      ).catch((e: unknown) => e);
      expect(asUser).toBeInstanceOf(TRPCError);
      expect((asUser as TRPCError).code).toBe('FORBIDDEN');
      const anonymous = await call(callerFor(null), path).catch((e: unknown) => e);
      expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');
    },
  );

  it.each(ADMIN_PATHS)('%s answers an administrator (or asks for its input)', async (path) => {
    const { user } = await makeUser({ admin: true });
    const answer = await call(
      callerFor({ id: user.id, email: user.email, name: user.name, role: 'admin' }),
      path,
      await inputFor(path),
    ).catch((e: unknown) => e);
    // Past the guard: a result, or — for a procedure that needs input — a validation error, never more.
    if (answer instanceof TRPCError) expect(answer.code).toBe('BAD_REQUEST');
    else expect(answer).toBeDefined();
  });
});
