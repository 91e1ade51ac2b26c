import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { devMailboxUrl, envProblems, isLocal, STRIPE_STANDIN, stripeSettings } from '@levqor/config';
import { describeListening, probeHost } from '@levqor/config/listen';
import { appServerNodeOptions } from '@levqor/config/node-options';
import { ensureStarterWorkflows, PLANS } from '@levqor/core';
import { closeDb, createDb } from '@levqor/db';
import { runMigrations } from '@levqor/db/migrate';
import { seedBase } from '@levqor/db/seed';
import { redact } from '../commands/db';
import { resolveDatabase } from '../database';
import { REPO_ROOT } from '../paths';
import { loadLocalSecrets } from '../secrets';
import { type AppSpec, appSpecs } from './apps';
import { spawnChild, waitForHttp } from './children';
import { createLifecycle } from './lifecycle';
import type { SupervisorOptions } from './supervisor';

type Mode = 'dev' | 'start';

/**
 * Brings up the database, migrations + seed, the three apps and the worker, and keeps them running: a
 * child that crashes is restarted with back-off (see createSupervisor); only a crash loop stops
 * everything (exit 1). Ctrl-C / SIGTERM stop all of it cleanly (exit 0).
 */
export async function runLauncher(mode: Mode, supervision: SupervisorOptions = {}): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const local = isLocal(env);
  const problems = envProblems(env);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  const notes: string[] = [];
  if (local) {
    const { secrets, generated } = loadLocalSecrets(env);
    Object.assign(env, secrets, { LEVQOR_LOCAL: '1' });
    // The children write to a pipe (to the launcher), not to the terminal: they cannot see it themselves.
    if (process.stdout.isTTY && !env.LEVQOR_LOG_FORMAT) env.LEVQOR_LOG_FORMAT = 'pretty';
    if (generated)
      notes.push(`Generated local secrets in ${generated} (kept for next time; never commit them).`);
  }
  const apps = appSpecs(env);
  for (const app of apps) env[`LEVQOR_${app.name.toUpperCase()}_URL`] = app.url;

  if (mode === 'start') ensureBuilt(apps.map((a) => a.dir));

  const db = await resolveDatabase(env);
  const { supervisor, shutdown } = createLifecycle({ ...supervision, afterStop: () => db.stop() });

  try {
    env.DATABASE_URL = db.url;
    await runMigrations(db.url);
    const client = createDb(db.url, { max: 1, appName: 'levqor-launcher' });
    const seeded = await seedBase(client);
    await ensureStarterWorkflows(client, seeded.demoWorkspaceId);
    await closeDb(client);

    const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
    const stripe = stripeSettings(env);
    if (stripe.mode === 'standin') {
      // Like the dev mailbox for Resend: a local Stripe the apps reach through STRIPE_API_BASE.
      Object.assign(env, {
        STRIPE_API_BASE: `${stripe.api!.protocol}://${stripe.api!.host}:${stripe.api!.port}`,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      });
      const prices = (['starter', 'growth', 'business'] as const).map((plan) => ({
        id: stripe.prices[plan],
        unitAmount: PLANS[plan].priceCents,
        nickname: `Levqor ${PLANS[plan].name}`,
      }));
      supervisor.add('stripe', () =>
        spawnChild(
          'stripe',
          tsx,
          [
            join(REPO_ROOT, 'packages/stripe-standin/src/main.ts'),
            '--port',
            String(stripe.api!.port),
            '--webhook-url',
            `${apps[0]!.url}/api/stripe/webhook`,
            '--prices',
            JSON.stringify(prices),
          ],
          { cwd: REPO_ROOT, env },
        ),
      );
    }
    for (const app of apps) {
      const [cmd, args, modeEnv] = appCommand(app, mode);
      supervisor.add(app.name, () =>
        spawnChild(app.name, cmd, args, {
          cwd: app.dir,
          env: {
            ...env,
            ...modeEnv,
            NEXTAUTH_URL: app.url,
            PORT: String(app.port),
          },
        }),
      );
    }
    supervisor.add('worker', () =>
      spawnChild('worker', tsx, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'worker'], {
        cwd: REPO_ROOT,
        env,
      }),
    );
    await Promise.all(
      apps.map((app) =>
        waitForHttp(
          `http://${probeHost(env)}:${app.port}/api/health`,
          180_000, // a loaded machine (CI, other builds) can take more than a minute
          () => !supervisor.stopping,
        ),
      ),
    );
  } catch (err) {
    console.error(`Levqor failed to start: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
    return;
  }

  const mailbox = devMailboxUrl(env);
  const web = apps[0]!;
  const lines = [
    '',
    `Levqor is running (${mode === 'dev' ? 'development, hot reload' : 'production build'})`,
    ...apps.map((a) => `  ${a.name.padEnd(11)} ${a.url}`),
    `  listening   ${describeListening(env)}`,
    `  jobs        ${env.LEVQOR_JOBS_PROVIDER === 'inngest' ? 'Inngest (served at /api/inngest; the worker sweeps the outbox)' : 'local engine worker (pnpm levqor worker)'}`,
    `  database    ${db.embedded ? db.description : redact(db.url)}`,
    `  billing     ${billingLine(env)}`,
    `  mailbox     ${mailbox ? `${mailbox} (answers loopback callers only)` : 'off (mail goes through Resend)'}`,
    `  sign in     open ${web.url}/sign-in and enter demo@levqor.local (admin app: admin@levqor.local);`,
    `              ${mailbox ? `the link arrives in the mailbox at ${mailbox}` : 'the link arrives by email'}`,
    ...notes.map((n) => `  note        ${n}`),
    'Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  await new Promise(() => {}); // keep running until a signal
}

function billingLine(env: NodeJS.ProcessEnv): string {
  const stripe = stripeSettings(env);
  if (stripe.mode === 'off') return 'off (set STRIPE_SECRET_KEY to sell plans)';
  if (stripe.mode === 'stripe') return 'Stripe (STRIPE_SECRET_KEY)';
  return `Stripe stand-in at ${env.STRIPE_API_BASE} (no real payments; secret ${STRIPE_STANDIN.secretKey.slice(0, 8)}…)`;
}

/** Each app runs behind its `server.ts` (Levqor's app server around Next), in dev or production mode. */
function appCommand(app: AppSpec, mode: Mode): [string, string[], NodeJS.ProcessEnv] {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  return [
    tsx,
    [join(app.dir, 'server.ts')],
    mode === 'dev'
      ? { LEVQOR_DEV: '1', NODE_ENV: 'development' }
      : { NODE_ENV: 'production', NODE_OPTIONS: appServerNodeOptions(process.env.NODE_OPTIONS) },
  ];
}

function ensureBuilt(dirs: string[]): void {
  const missing = dirs.filter((d) => !existsSync(join(d, '.next', 'BUILD_ID')));
  if (missing.length === 0) return;
  console.log('No production build found; running `pnpm build` first (a few minutes the first time)…');
  const res = spawnSync('pnpm', ['build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error('`pnpm build` failed; see the output above.');
}
