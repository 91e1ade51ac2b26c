import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root (the folder holding pnpm-workspace.yaml). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the Levqor repository root (pnpm-workspace.yaml).');
    dir = up;
  }
  return dir;
})();

/** Local state: embedded database, generated secrets. `LEVQOR_HOME` overrides `<repo>/.levqor`. */
export function levqorHome(env = process.env): string {
  return resolve(env.LEVQOR_HOME ?? join(REPO_ROOT, '.levqor'));
}
