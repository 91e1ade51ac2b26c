/**
 * `pnpm bench:transform`: a transform step evaluated in the sandbox pool (runTransform) against the
 * same JSONata evaluated in-process (what runTransform did before the sandbox), in the same run.
 * Small input (a 3-item payload) and large input (BENCH_ITEMS items, ~400 KB), a cheap and a mapping
 * expression; one at a time (latency per transform) and 4 at once (the worker's default concurrency).
 * Prints the time per transform (median of 5 interleaved rounds), the pool's overhead per transform
 * and the ratio pool / in-process.
 */
import jsonata from 'jsonata';
import { runTransform, transformPool } from '../src/steps/run-transform';
import { DEFAULT_TRANSFORM_LIMITS } from '../src/steps/transform-limits';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 5_000);
const SMALL_RUNS = Number(process.env.BENCH_SMALL_RUNS ?? 2_000);
const LARGE_RUNS = Number(process.env.BENCH_LARGE_RUNS ?? 200);
const PARALLEL = 4;
const ROUNDS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const item = (n: number) => ({ n, tag: n % 3 === 0 ? 'a' : 'b', name: `item ${n}`, note: 'x'.repeat(40) });
const inputs = {
  small: { input: { items: [item(1), item(2), item(3)] }, steps: {} },
  large: { input: { items: Array.from({ length: ITEMS }, (_, n) => item(n)) }, steps: {} },
};
const expressions = {
  cheap: '$sum(input.items.n)',
  mapping: 'input.items[tag = "a"].{ "n": n, "label": $uppercase(name) }',
};

/** The previous runTransform: evaluate here, copy through JSON. */
async function inProcess(expression: string, scope: unknown): Promise<unknown> {
  const value = await jsonata(expression).evaluate(scope);
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

async function sandboxed(expression: string, scope: unknown): Promise<unknown> {
  return runTransform({ id: 'bench', type: 'transform', expression }, scope as never, {
    limits: { ...DEFAULT_TRANSFORM_LIMITS, timeoutMs: 30_000 },
  });
}

/** Microseconds per call over `runs` calls made by `parallel` concurrent loops. */
async function timePerCall(runs: number, parallel: number, fn: () => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < runs) await fn();
    }),
  );
  return ((performance.now() - t0) * 1000) / runs;
}

const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

async function main() {
  const bytes = (s: unknown) => Buffer.byteLength(JSON.stringify(s));
  console.log(
    `transform bench: small input ${bytes(inputs.small)} B, large input ${(bytes(inputs.large) / 1024).toFixed(0)} KB; ` +
      `${SMALL_RUNS} / ${LARGE_RUNS} runs per case; pool of ${transformPool(DEFAULT_TRANSFORM_LIMITS.memoryMb).maxSize} sandboxes\n`,
  );
  const rows: string[][] = [];
  for (const [size, scope] of Object.entries(inputs)) {
    const runs = size === 'small' ? SMALL_RUNS : LARGE_RUNS;
    for (const [name, expression] of Object.entries(expressions)) {
      // Same answer both ways, and both warm (sandboxes started, JIT warmed).
      const expected = JSON.stringify(await inProcess(expression, scope));
      for (let i = 0; i < PARALLEL * 2; i++) {
        const got = JSON.stringify(await sandboxed(expression, scope));
        if (got !== expected) throw new Error(`${name}/${size}: the sandbox answered differently`);
      }
      await timePerCall(Math.min(runs, 50), PARALLEL, () => sandboxed(expression, scope));
      await timePerCall(Math.min(runs, 50), 1, () => inProcess(expression, scope));
      for (const parallel of [1, PARALLEL]) {
        // Interleaved rounds, median of each: a shared machine's noise hits both sides alike.
        const bases: number[] = [];
        const pools: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          bases.push(await timePerCall(runs / ROUNDS, parallel, () => inProcess(expression, scope)));
          pools.push(await timePerCall(runs / ROUNDS, parallel, () => sandboxed(expression, scope)));
        }
        const base = median(bases);
        const pool = median(pools);
        rows.push([
          `${size} / ${name}`,
          String(parallel),
          fmt(base),
          fmt(pool),
          fmt(pool - base),
          `${(pool / base).toFixed(2)}×`,
        ]);
      }
    }
  }
  const head = [
    'input / expression',
    'at once',
    'in-process',
    'sandbox pool',
    'overhead',
    'pool / in-process',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(
    '\n"at once" 4: time per transform over 4 concurrent callers (throughput); the in-process column then ' +
      'still runs on one thread, the pool on several sandboxes.',
  );
  await transformPool(DEFAULT_TRANSFORM_LIMITS.memoryMb).close();
}

await main();
