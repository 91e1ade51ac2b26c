import { makeUser } from '@levqor/testing';
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
  }),
};

function call(caller: ReturnType<typeof callerFor>, path: string) {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(INPUTS[path]?.() ?? {});
}

describe('admin procedures', () => {
  it('exist', () => {
    expect(ADMIN_PATHS).toEqual(expect.arrayContaining(['admin.users.list', 'admin.securityEvents.list']));
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

  it.each(ADMIN_PATHS)('%s answers an administrator', async (path) => {
    const { user } = await makeUser({ admin: true });
    await expect(
      call(callerFor({ id: user.id, email: user.email, name: user.name, role: 'admin' }), path),
    ).resolves.toBeDefined();
  });
});
