import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createFilesMatcher, getTsconfig, parseTsconfig } from 'get-tsconfig';
import { describe, expect, it } from 'vitest';

// The worker (`pnpm levqor worker`) and the app servers (`apps/*/server.ts`) run TypeScript through
// tsx, not through Vitest's transform. tsx compiles with the tsconfig.json of its working directory —
// and only the files that tsconfig includes; any other file gets esbuild's defaults, the classic JSX
// runtime, and a template fails with "React is not defined" at render time.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = join(ROOT, 'packages/email/src/render-templates.script.ts');
const run = promisify(execFile);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx')) out.push(path);
  }
  return out;
}

/** Every folder from which a tsx process starts, with the tsconfig tsx reads there. */
function tsxStartingPoints(): { dir: string; tsconfig: string }[] {
  const dirs = [
    ROOT,
    ...['apps', 'packages', 'tooling'].flatMap((group) =>
      readdirSync(join(ROOT, group)).map((name) => join(ROOT, group, name)),
    ),
    join(ROOT, 'bench'),
  ];
  const points: { dir: string; tsconfig: string }[] = [];
  for (const dir of dirs) {
    const pkgPath = join(dir, 'package.json');
    if (!existsSync(pkgPath)) continue;
    const scripts = Object.values(
      (JSON.parse(readFileSync(pkgPath, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {},
    ).filter((s) => /(^|\s|\/)tsx\s/.test(s));
    // The launcher starts every app's server.ts with tsx from the app's folder.
    const isApp = existsSync(join(dir, 'server.ts'));
    if (scripts.length === 0 && !isApp) continue;
    const flagged = scripts.map((s) => /--tsconfig[\s=](\S+)/.exec(s)?.[1]);
    if (isApp || flagged.some((f) => f === undefined)) {
      const found = getTsconfig(dir);
      if (!found) throw new Error(`no tsconfig.json above ${dir}`);
      points.push({ dir, tsconfig: found.path });
    }
    for (const f of flagged) if (f) points.push({ dir, tsconfig: resolve(dir, f) });
  }
  return points;
}

describe('the runtime tsx gives the worker and the app servers', () => {
  it('compiles every .tsx file of the packages with the automatic JSX runtime, from every folder tsx starts in', () => {
    const files = walk(join(ROOT, 'packages'));
    expect(files.length).toBeGreaterThan(0);
    const points = tsxStartingPoints();
    expect(points.map((p) => relative(ROOT, p.dir))).toEqual(
      expect.arrayContaining(['', 'apps/web', 'apps/admin', 'apps/developers']),
    );
    const uncovered: string[] = [];
    for (const { dir, tsconfig } of points) {
      const matches = createFilesMatcher({ path: tsconfig, config: parseTsconfig(tsconfig) });
      for (const file of files) {
        const config = matches(file);
        if (config?.compilerOptions?.jsx !== 'react-jsx')
          uncovered.push(`${relative(ROOT, file)} from ${relative(ROOT, dir) || '.'}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  it.each([
    ['the worker', ROOT],
    ['an app server', join(ROOT, 'apps/web')],
  ])('renders the email templates in %s', async (_name, cwd) => {
    // As the launcher starts them: node_modules/.bin/tsx with that working directory.
    const { stdout } = await run(TSX, [SCRIPT], { cwd, env: { ...process.env, NODE_ENV: 'production' } });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      notice: string;
      magic: string;
      billing: string;
      report: string;
    };
    expect(out.notice).toContain('Rendered by tsx');
    expect(out.magic).toContain('token=t');
    expect(out.billing).toContain('Update payment method');
    expect(out.report).toContain('Signups: 2');
  });
});
