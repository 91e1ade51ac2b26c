import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZServerEnv } from './env';

const ROOT = join(import.meta.dirname, '../../..');

/** Harness code, not the product: tests, benchmarks, generated files, build output. */
const SKIP_DIRS = new Set(['node_modules', '.next', 'dist', 'bench', 'generated', 'drizzle']);
const isHarness = (file: string) =>
  /\.(test|spec|bench)\.tsx?$/.test(file) || /test-servers?\.ts$/.test(file);

/** Variables of the platform (set by the OS or Node), read but not Levqor's to define. */
const PLATFORM = new Set(['HOME', 'PATH', 'NODE_OPTIONS']);
/** Names in source that are not read by Levqor: each says why. */
const NOT_READ: Record<string, string> = {
  LEVQOR_WEBHOOK_SECRET: "the portal's sample receiver (the customer's own variable, shown as code)",
};

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !isHarness(entry.name)) out.push(path);
  }
  return out;
}

/** `process.env.X`, `process.env['X']`, and `env.X` (functions take `env = process.env`). */
const READ = /\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]+)|\[\s*['"`]([A-Z][A-Z0-9_]+)['"`]\s*\])/g;

function variablesRead(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const top of ['packages', 'apps']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      for (const m of readFileSync(file, 'utf8').matchAll(READ)) {
        const name = (m[1] ?? m[2])!;
        found.set(name, [...(found.get(name) ?? []), relative(ROOT, file)]);
      }
    }
  }
  return found;
}

describe('the env schema covers every variable the code reads', () => {
  const read = variablesRead();
  const schema = new Set(Object.keys(ZServerEnv.shape));

  it('finds the reads (the scan works)', () => {
    for (const known of ['DATABASE_URL', 'REDIS_URL', 'LEVQOR_SSRF_ALLOW', 'PORT'])
      expect(read.has(known)).toBe(true);
  });

  it('each variable read in packages/ and apps/ is in ZServerEnv', () => {
    const missing = [...read]
      .filter(([name]) => !schema.has(name) && !PLATFORM.has(name) && !(name in NOT_READ))
      .map(([name, files]) => `${name} (${[...new Set(files)].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('.env.example lists every variable of the schema', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...schema].filter((name) => !listed.has(name))).toEqual([]);
  });
});
