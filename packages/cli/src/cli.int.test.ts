import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { budgetStatus, createApiKeyVerifier, findWorkspaceForUser, getUserByEmail } from '@levqor/core';
import { and, auditEvents, eq } from '@levqor/db';
import { testDb, uniqueEmail } from '@levqor/testing';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from './paths';

// Each case spawns the CLI (tsx) several times; on a busy 2-core machine one spawn can take seconds.
vi.setConfig({ testTimeout: 120_000 });

function levqor(args: string[], env: NodeJS.ProcessEnv = {}) {
  const res = spawnSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(REPO_ROOT, 'packages/cli/src/main.ts'), ...args],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: process.env.DATABASE_URL, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('levqor CLI', () => {
  it('prints help with exit 0, and refuses unknown commands with exit 2', () => {
    const help = levqor(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('user create --email E');
    const unknown = levqor(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
    expect(levqor(['user', 'create', '--help']).out).toContain('--workspace NAME');
  });

  it('creates a user with their workspace, then refuses the same email', async () => {
    const email = uniqueEmail('cli');
    const created = levqor(['user', 'create', '--email', email, '--admin', '--workspace', 'CLI Co']);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Created admin .* owning workspace "CLI Co"/);
    const user = await getUserByEmail(testDb(), email);
    expect(user?.role).toBe('admin');
    const again = levqor(['user', 'create', '--email', email]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  it('explains a bad or missing email, or an unknown flag, with exit 2', () => {
    const bad = levqor(['user', 'create', '--email', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"nope" is not a valid email address');
    expect(levqor(['user', 'create']).err).toContain('--email is required');
    expect(levqor(['user', 'create', '--email', 'a@b.co', '--wat']).code).toBe(2);
  });

  it('migrates and seeds an external database idempotently', () => {
    expect(levqor(['db', 'migrate']).code).toBe(0);
    const seeded = levqor(['db', 'seed']);
    expect(seeded.code).toBe(0);
    expect(levqor(['db', 'seed']).out).toBe(seeded.out);
  });

  it('refuses to start a production deployment without its secrets, one line per variable', () => {
    const res = levqor(['start'], { NODE_ENV: 'production', DATABASE_URL: '' });
    expect(res.code).toBe(1);
    const lines = res.err.trim().split('\n');
    for (const name of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'LEVQOR_SECRET', 'RESEND_API_KEY']) {
      expect(lines.filter((l) => l.includes(`Missing environment variable ${name} `))).toHaveLength(1);
    }
  });
});

describe('levqor workspace budget', () => {
  it('sets the budget of the user’s workspace, and explains bad input', async () => {
    const email = uniqueEmail('budget');
    expect(levqor(['user', 'create', '--email', email]).code).toBe(0);
    const ok = levqor(['workspace', 'budget', '--email', email, '--cents', '250']);
    expect(ok.err).toBe('');
    expect(ok.out).toMatch(/set to 250¢ per month; this month: spent 0¢, reserved 0¢/);
    const user = await getUserByEmail(testDb(), email);
    const access = await findWorkspaceForUser(testDb(), user!.id);
    expect((await budgetStatus(testDb(), access!.workspace.id)).budget).toBe(250 * 10_000);
    expect(levqor(['workspace', 'budget', '--email', email, '--cents', '-3']).code).toBe(2);
    const missing = levqor(['workspace', 'budget', '--email', 'nobody@levqor.local', '--cents', '1']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No user with email nobody@levqor.local');
  });
});

describe('levqor billing plan', () => {
  it('puts the workspace on a plan (budget follows), audits it, and explains bad input', async () => {
    const email = uniqueEmail('plan');
    expect(levqor(['user', 'create', '--email', email]).code).toBe(0);
    const user = await getUserByEmail(testDb(), email);
    const ws = (await findWorkspaceForUser(testDb(), user!.id))!.workspace;
    expect((await budgetStatus(testDb(), ws.id)).budget).toBe(500 * 10_000);
    const ok = levqor(['billing', 'plan', '--email', email, '--plan', 'growth']);
    expect(ok.err).toBe('');
    expect(ok.out).toContain(
      'moved from free to Growth ($79/month): $60 AI spend included, 50,000 jobs/month',
    );
    expect((await budgetStatus(testDb(), ws.id)).budget).toBe(6000 * 10_000);
    const audit = await testDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.action, 'billing.plan_changed')));
    expect(audit).toMatchObject([{ actor: 'cli', metadata: { from: 'free', to: 'growth' } }]);
    const bad = levqor(['billing', 'plan', '--email', email, '--plan', 'pro']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      '"pro" is not a plan; choose one of free, starter, growth, business, enterprise',
    );
  });
});

describe('levqor api-key create', () => {
  it('prints a working key once, and explains bad scopes', async () => {
    const email = uniqueEmail('keys');
    expect(levqor(['user', 'create', '--email', email]).code).toBe(0);
    expect(levqor(['billing', 'plan', '--email', email, '--plan', 'starter']).code).toBe(0);
    const res = levqor([
      'api-key',
      'create',
      '--email',
      email,
      '--scopes',
      'jobs:read,jobs:write',
      '--name',
      'CI',
      '--rate-limit',
      '120',
    ]);
    expect(res.code).toBe(0);
    const key = res.out.trim();
    expect(key).toMatch(/^lvq_live_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}$/);
    expect(res.err).toContain('scopes jobs:read,jobs:write');
    const verifier = await createApiKeyVerifier(testDb(), { listen: false });
    expect(await verifier.verify(key)).toMatchObject({
      scopes: ['jobs:read', 'jobs:write'],
      rateLimitPerMin: 120,
    });
    const bad = levqor(['api-key', 'create', '--email', email, '--scopes', 'jobs:read,admin:all']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('scope must be one of');
  });

  it('holds --rate-limit to the ceiling, which an operator raises with LEVQOR_API_KEY_MAX_RATE_LIMIT', async () => {
    const email = uniqueEmail('ceiling');
    expect(levqor(['user', 'create', '--email', email]).code).toBe(0);
    expect(levqor(['billing', 'plan', '--email', email, '--plan', 'enterprise']).code).toBe(0);
    const args = ['api-key', 'create', '--email', email, '--scopes', 'jobs:read', '--rate-limit', '50000'];
    const refused = levqor(args);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('at most 3000 requests per minute');
    expect(refused.err).toContain('LEVQOR_API_KEY_MAX_RATE_LIMIT');
    const raised = levqor(args, { LEVQOR_API_KEY_MAX_RATE_LIMIT: '50000' });
    expect(raised.code).toBe(0);
    const verifier = await createApiKeyVerifier(testDb(), { listen: false });
    expect(await verifier.verify(raised.out.trim())).toMatchObject({ rateLimitPerMin: 50_000 });
  });
});
