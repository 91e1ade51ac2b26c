import { makeUser } from '@levqor/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../context';
import { callerFor, trpcHttp } from '../test-client';

async function sessionUser(
  opts: { admin?: boolean } = {},
): Promise<{ session: SessionUser; workspaceId: string }> {
  const { user, workspace } = await makeUser(opts);
  return {
    session: { id: user.id, email: user.email, name: user.name, role: user.role },
    workspaceId: workspace.id,
  };
}

describe('procedures', () => {
  it('protected procedures refuse anonymous callers with UNAUTHORIZED', async () => {
    await expect(callerFor(null).me.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(null).workspace.rename({ name: 'x' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('admin procedures refuse a normal user with FORBIDDEN and admit an admin', async () => {
    const user = await sessionUser();
    const admin = await sessionUser({ admin: true });
    await expect(callerFor(user.session).admin.users.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const page = await callerFor(admin.session).admin.users.list({ query: admin.session.email });
    expect(page.items.map((u) => u.email)).toEqual([admin.session.email]);
  });

  it('me and workspace answer for the caller’s own workspace only', async () => {
    const a = await sessionUser();
    const b = await sessionUser();
    const meA = await callerFor(a.session).me.get();
    expect(meA.workspace.id).toBe(a.workspaceId);
    await callerFor(b.session).workspace.rename({ name: 'B renamed' });
    const membersA = await callerFor(a.session).workspace.members();
    expect(membersA.map((m) => m.userId)).toEqual([a.session.id]);
    expect((await callerFor(a.session).workspace.current()).name).not.toBe('B renamed');
    expect((await callerFor(b.session).workspace.current()).name).toBe('B renamed');
  });

  it('validates input with a field message', async () => {
    const a = await sessionUser();
    const err = await callerFor(a.session)
      .workspace.rename({ name: '   ' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
  });
});

describe('errors over HTTP', () => {
  it('carry status, request id and field errors, never a stack', async () => {
    const a = await sessionUser();
    const res = await trpcHttp(a.session, 'workspace.rename', { name: '' }, 'POST');
    expect(res.status).toBe(400);
    const err = res.json.error!.json;
    expect(err.data.requestId).toBe('req_http_test');
    expect(err.data.fieldErrors).toMatchObject({ name: ['Workspace name cannot be empty'] });
    expect(JSON.stringify(res.json)).not.toMatch(/stack|at .*\.ts/);
  });

  it('answers 401 and 403 with readable messages', async () => {
    const anon = await trpcHttp(null, 'me.get', undefined);
    expect(anon.status).toBe(401);
    expect(anon.json.error!.json.message).toBe('Sign in to continue');
    const user = await sessionUser();
    const denied = await trpcHttp(user.session, 'admin.users.list', {});
    expect(denied.status).toBe(403);
  });

  it('hides the internals of unexpected errors behind a request id', async () => {
    const ghost: SessionUser = { id: 'usr_does_not_exist', email: 'ghost@x.y', name: null, role: 'user' };
    const res = await trpcHttp(ghost, 'me.get', undefined);
    expect(res.status).toBe(500);
    const err = res.json.error!.json;
    expect(err.message).toMatch(/Something went wrong on our side \(request req_http_test\)/);
    expect(JSON.stringify(res.json)).not.toContain('usr_does_not_exist');
  });
});

describe('unstorable text', () => {
  it('a NUL byte in a workflow name is a 400 with a readable message, not a 500', async () => {
    const a = await sessionUser();
    const res = await trpcHttp(
      a.session,
      'workflows.create',
      {
        slug: 'nul-test',
        name: 'bad\u0000name',
        steps: [{ id: 'e', type: 'transform', expression: 'input' }],
      },
      'POST',
    );
    expect(res.status).toBe(400);
    expect(res.json.error!.json.message).toContain('cannot be stored');
  });
});
