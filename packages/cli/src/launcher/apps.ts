import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

export interface AppSpec {
  name: 'web' | 'admin' | 'developers';
  dir: string;
  port: number;
  url: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

/** The three apps, their ports (LEVQOR_*_PORT) and public URLs (LEVQOR_*_URL). */
export function appSpecs(env = process.env): AppSpec[] {
  const specs: [AppSpec['name'], string, number][] = [
    ['web', 'WEB', 3000],
    ['admin', 'ADMIN', 3001],
    ['developers', 'DEVELOPERS', 3002],
  ];
  return specs.map(([name, key, fallback]) => {
    const p = port(env, `LEVQOR_${key}_PORT`, fallback);
    return {
      name,
      dir: join(REPO_ROOT, 'apps', name),
      port: p,
      url: env[`LEVQOR_${key}_URL`] ?? `http://localhost:${p}`,
    };
  });
}
