import { monitorEventLoopDelay } from 'node:perf_hooks';
import jsonata from 'jsonata';
import { afterAll, describe, expect, it } from 'vitest';
import type { TransformStep } from '../workflows/step-schema';
import { runTransform } from './run-transform';
import { StepError } from './step-error';
import { DEFAULT_TRANSFORM_LIMITS, transformLimitsFromEnv } from './transform-limits';
import { TransformPool } from './transform-pool';

const step = (expression: string): TransformStep => ({ id: 't', type: 'transform', expression });
const scope = {
  input: {
    items: [
      { n: 1, tag: 'a' },
      { n: 2, tag: 'b' },
      { n: 3, tag: 'a' },
    ],
  },
  steps: {},
};
/** The runaway: ~35 s of CPU in-process. */
const CPU_BOMB = '$sum([1..10000000].($ * 2))';
/** One 200 MB string: over a 128 MB heap at once (a worker thread's resourceLimits would abort the process). */
const MEMORY_BOMB = '$pad("x", 200000000)';

async function failure(p: Promise<unknown>): Promise<StepError> {
  const err = await p.then(
    () => new Error('expected the transform to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StepError);
  return err as StepError;
}

const pools: TransformPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('runTransform in the sandbox pool', () => {
  it('evaluates as JSONata does in-process', async () => {
    const expressions = [
      '$sum(input.items.n)',
      'input.items[tag = "a"].{ "n": n, "double": n * 2 }',
      '$count(input.items)',
      'input.missing',
      '{ "joined": $join(input.items.tag, "-") }',
    ];
    for (const e of expressions) {
      const direct = await jsonata(e).evaluate(scope);
      const expected = direct === undefined ? null : JSON.parse(JSON.stringify(direct));
      expect(await runTransform(step(e), scope)).toEqual(expected);
    }
  });

  it('reports a bad expression as a final failure', async () => {
    const err = await failure(runTransform(step('$unknown(1)'), scope));
    expect(err.message).toMatch(/^Transform failed: /);
    expect(err.retryable).toBe(false);
  });

  it('stops a runaway at the time limit while other transforms and the event loop carry on', async () => {
    // 3 s rather than the default 1 s: on a loaded 2-core CI machine twenty tiny transforms can take
    // longer than a second in all, and the order asserted below is the point of the test.
    const limits = { ...DEFAULT_TRANSFORM_LIMITS, timeoutMs: 3000, memoryMb: 256 };
    await runTransform(step('1'), scope, { limits }); // a warm sandbox, as in a running worker
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const order: string[] = [];
    const bomb = failure(runTransform(step(CPU_BOMB), scope, { limits })).then((e) => {
      order.push('bomb');
      return e;
    });
    const others = Array.from({ length: 20 }, (_, i) =>
      runTransform(step(`input.items[${i % 3}].n + ${i}`), scope, { limits }).then((v) => {
        order.push(`other ${i}`);
        return v;
      }),
    );
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(order.length), 20);
    const [err, values] = await Promise.all([bomb, Promise.all(others)]);
    clearInterval(ticker);
    delay.disable();

    expect(err.message).toBe('transform exceeded 3 s');
    expect(err.retryable).toBe(false);
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => (i % 3) + 1 + i));
    // Every other transform finished while the runaway was still running.
    expect(order.at(-1)).toBe('bomb');
    // The event loop kept turning throughout (a blocked loop shows one gap as long as the runaway).
    expect(ticks.length).toBeGreaterThan(10);
    expect(delay.max / 1e6).toBeLessThan(500);
    // The pool still works after replacing the killed sandbox.
    expect(await runTransform(step('2 + 2'), scope, { limits })).toBe(4);
  });

  it('stops a transform at its memory limit without touching the caller', async () => {
    const limits = { ...DEFAULT_TRANSFORM_LIMITS, timeoutMs: 30_000, memoryMb: 128 };
    const heapBefore = process.memoryUsage().heapUsed;
    const bomb = failure(runTransform(step(MEMORY_BOMB), scope, { limits }));
    const other = runTransform(step('$sum(input.items.n)'), scope, { limits });
    const [err, value] = await Promise.all([bomb, other]);
    expect(err.message).toBe('transform exceeded its memory limit (128 MB)');
    expect(err.retryable).toBe(false);
    expect(value).toBe(6);
    // The 200 MB never lived here.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect(await runTransform(step('"after"'), scope, { limits })).toBe('after');
  });

  it('caps the output size with a readable error', async () => {
    const limits = { ...DEFAULT_TRANSFORM_LIMITS, maxOutputBytes: 1024 * 1024 };
    const err = await failure(runTransform(step('[1..200000]'), scope, { limits }));
    expect(err.message).toBe('transform output is 1.2 MB, over the limit of 1 MB');
    expect(err.retryable).toBe(false);
    expect(await runTransform(step('[1..1000]'), scope, { limits })).toHaveLength(1000);
  });

  it('aborts a running transform when its job is cancelled', async () => {
    const controller = new AbortController();
    const limits = { ...DEFAULT_TRANSFORM_LIMITS, timeoutMs: 30_000 };
    const running = failure(runTransform(step(CPU_BOMB), scope, { limits, signal: controller.signal }));
    setTimeout(() => controller.abort(), 200);
    const err = await running;
    expect(err.message).toBe('transform aborted (job cancelled or step timed out)');
  });
});

describe('TransformPool', () => {
  it('counts the time limit from the start of evaluation, not from the queue', async () => {
    const pool = new TransformPool({ memoryMb: 256, maxProcesses: 1 });
    pools.push(pool);
    const req = { scope, maxOutputBytes: 1024 * 1024 };
    await pool.run({ ...req, expression: '0', timeoutMs: 1000 });
    const [first] = pool.pids;
    const bomb = pool.run({ ...req, expression: CPU_BOMB, timeoutMs: 1000 }).catch((e: Error) => e.message);
    // Waits behind the runaway for about a second, then gets its own full second.
    const queued = pool.run({ ...req, expression: '$count([1..100000])', timeoutMs: 1000 });
    expect(await bomb).toBe('transform exceeded 1 s');
    expect(await queued).toBe(100000);
    expect(pool.size).toBe(1);
    expect(pool.pids).not.toContain(first);
  });

  it('refuses work beyond its queue bound', async () => {
    const pool = new TransformPool({ memoryMb: 256, maxProcesses: 1, maxQueue: 2 });
    pools.push(pool);
    const req = { scope, maxOutputBytes: 1024, timeoutMs: 5000 };
    const accepted = [pool.run({ ...req, expression: '1' }), pool.run({ ...req, expression: '2' })];
    await expect(pool.run({ ...req, expression: '3' })).rejects.toThrow('Too many transforms waiting (2)');
    expect(await Promise.all(accepted)).toEqual([1, 2]);
  });
});

describe('transformLimitsFromEnv', () => {
  it('reads LEVQOR_TRANSFORM_TIMEOUT_MS and LEVQOR_TRANSFORM_MEMORY_MB, else the defaults', () => {
    expect(transformLimitsFromEnv({})).toEqual(DEFAULT_TRANSFORM_LIMITS);
    expect(
      transformLimitsFromEnv({ LEVQOR_TRANSFORM_TIMEOUT_MS: '2500', LEVQOR_TRANSFORM_MEMORY_MB: '64' }),
    ).toEqual({ ...DEFAULT_TRANSFORM_LIMITS, timeoutMs: 2500, memoryMb: 64 });
    expect(() => transformLimitsFromEnv({ LEVQOR_TRANSFORM_TIMEOUT_MS: 'soon' })).toThrow(
      /LEVQOR_TRANSFORM_TIMEOUT_MS/,
    );
  });
});
