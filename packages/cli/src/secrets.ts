import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { levqorHome } from './paths';

const NAMES = ['NEXTAUTH_SECRET', 'LEVQOR_SECRET'] as const;
export type LocalSecrets = Record<(typeof NAMES)[number], string>;

/**
 * Secrets for running locally: taken from the environment when set, otherwise generated once and
 * kept in `<home>/secrets.json` (mode 600) so sessions survive restarts.
 */
export function loadLocalSecrets(env = process.env): { secrets: LocalSecrets; generated: string | null } {
  const home = levqorHome(env);
  const file = join(home, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  let generated: string | null = null;
  const secrets = {} as LocalSecrets;
  for (const name of NAMES) {
    const value = env[name] ?? stored[name];
    if (value) {
      secrets[name] = value;
    } else {
      secrets[name] = randomBytes(32).toString('base64url');
      stored[name] = secrets[name];
      generated = file;
    }
  }
  if (generated) {
    mkdirSync(home, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return { secrets, generated };
}
