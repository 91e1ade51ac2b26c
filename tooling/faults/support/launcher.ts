import { join } from 'node:path';
import { FAULTS_HOME, PORTS, REPO_ROOT } from './ports';
import { cli, type Proc, start, TSX } from './processes';

export const WEB = `http://127.0.0.1:${PORTS.web}`;
export const DEVELOPERS = `http://127.0.0.1:${PORTS.developers}`;
export const API = `${DEVELOPERS}/api/v1`;

/** The environment of the launcher and the CLI: the suite's database, ports and Redis. */
export function launcherEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'),
  );
  return {
    ...env,
    LEVQOR_HOME: join(FAULTS_HOME, 'launcher', 'home'),
    DATABASE_URL: databaseUrl,
    LEVQOR_WEB_PORT: String(PORTS.web),
    LEVQOR_ADMIN_PORT: String(PORTS.admin),
    LEVQOR_DEVELOPERS_PORT: String(PORTS.developers),
    LEVQOR_WEB_URL: `http://127.0.0.1:${PORTS.web}`,
    LEVQOR_ADMIN_URL: `http://127.0.0.1:${PORTS.admin}`,
    LEVQOR_DEVELOPERS_URL: `http://127.0.0.1:${PORTS.developers}`,
    // 200 requests/s on one key is 12,000 a minute: above the default ceiling of a key's limit.
    LEVQOR_API_KEY_MAX_RATE_LIMIT: '100000',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/** `pnpm start` (the production build) on the suite's ports; resolves once all three apps answer. */
export async function startLauncher(env: NodeJS.ProcessEnv): Promise<Proc> {
  const launcher = start('launcher', TSX, [join(REPO_ROOT, 'packages/cli/src/main.ts'), 'start'], env);
  await launcher.waitFor(/Levqor is running/, 300_000);
  return launcher;
}

/** An API key of the seeded demo workspace with jobs scopes and a high limit, and a budget to match. */
export async function demoKey(env: NodeJS.ProcessEnv): Promise<string> {
  // The plan caps every key's rate (Free: 60 a minute): the suite's intake needs Enterprise's.
  await cli(['billing', 'plan', '--email', 'demo@levqor.local', '--plan', 'enterprise'], env);
  await cli(['workspace', 'budget', '--email', 'demo@levqor.local', '--cents', '100000000'], env);
  const out = await cli(
    [
      'api-key',
      'create',
      '--email',
      'demo@levqor.local',
      '--scopes',
      'jobs:read,jobs:write',
      '--rate-limit',
      '60000',
      '--name',
      'faults',
    ],
    env,
  );
  const key = out.match(/lvq_(live|test)_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}/)?.[0];
  if (!key) throw new Error(`no key in the CLI output:\n${out}`);
  return key;
}
