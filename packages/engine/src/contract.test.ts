import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffMs } from './backoff';
import { defineFunction, ZCronTick } from './define-function';
import { resolveProvider } from './engine-client';
import { cronDedupeKey, nextTick } from './local/cron';
import { createRegistry } from './registry';
import { stepIdAllocator } from './step-signal';

const handler = async () => {};

describe('back-off', () => {
  it('doubles per failure with equal jitter, capped', () => {
    const opts = { baseMs: 1_000, maxMs: 10_000 };
    expect(backoffMs(1, opts, () => 0)).toBe(500);
    expect(backoffMs(1, opts, () => 1)).toBe(1_000);
    expect(backoffMs(3, opts, () => 0)).toBe(2_000);
    expect(backoffMs(3, opts, () => 1)).toBe(4_000);
    expect(backoffMs(10, opts, () => 1)).toBe(10_000);
    expect(backoffMs(10, opts, () => 0)).toBe(5_000);
  });
});

describe('defineFunction and the registry', () => {
  const payload = z.object({ jobId: z.string(), workspaceId: z.string() });

  it('indexes definitions by event, cancel event and cron', () => {
    const run = defineFunction({
      id: 'jobs.run',
      trigger: { event: 'levqor/job.submitted' },
      payload,
      cancelOn: { event: 'levqor/job.cancelled', match: 'jobId' },
      handler,
    });
    const audit = defineFunction({
      id: 'jobs.audit',
      trigger: { event: 'levqor/job.submitted' },
      payload,
      handler,
    });
    const sweep = defineFunction({
      id: 'sweep',
      trigger: { cron: '*/5 * * * *' },
      payload: ZCronTick,
      handler,
    });
    const registry = createRegistry([run, audit, sweep]);
    expect(registry.triggeredBy('levqor/job.submitted').map((d) => d.id)).toEqual(['jobs.run', 'jobs.audit']);
    expect(registry.cancelledBy('levqor/job.cancelled').map((d) => d.id)).toEqual(['jobs.run']);
    expect(registry.crons.map((d) => d.id)).toEqual(['sweep']);
    expect(registry.get('sweep')).toBe(sweep);
    expect(registry.triggeredBy('nothing')).toEqual([]);
    expect(run.retries).toBe(3);
  });

  it('rejects invalid definitions', () => {
    expect(() => defineFunction({ id: 'bad id', trigger: { event: 'e' }, payload, handler })).toThrow();
    expect(() =>
      defineFunction({ id: 'x', trigger: { event: 'e' }, payload, retries: 21, handler }),
    ).toThrow();
    expect(() =>
      defineFunction({
        id: 'x',
        trigger: { event: 'e' },
        payload,
        concurrency: { key: 'jobId', limit: 0 },
        handler,
      }),
    ).toThrow();
    const one = defineFunction({ id: 'dup', trigger: { event: 'e' }, payload, handler });
    expect(() => createRegistry([one, one])).toThrow(/Duplicate/);
    expect(() =>
      createRegistry([
        defineFunction({ id: 'c', trigger: { cron: 'not a cron' }, payload: ZCronTick, handler }),
      ]),
    ).toThrow(/invalid cron/);
  });
});

describe('cron ticks', () => {
  it('computes the next tick in UTC and a deterministic dedupe key', () => {
    const after = new Date('2025-01-01T10:02:30Z');
    const tick = nextTick('*/5 * * * *', after);
    expect(tick.toISOString()).toBe('2025-01-01T10:05:00.000Z');
    expect(cronDedupeKey('sweep', tick)).toBe('cron:sweep:2025-01-01T10:05:00.000Z');
    expect(nextTick('*/5 * * * *', tick).toISOString()).toBe('2025-01-01T10:10:00.000Z');
  });
});

describe('step ids', () => {
  it('numbers repeated ids as Inngest does and reserves the engine prefix', () => {
    const next = stepIdAllocator();
    expect([next('a'), next('b'), next('a'), next('a')]).toEqual(['a', 'b', 'a:1', 'a:2']);
    expect(() => next('__levqor:x')).toThrow();
    expect(stepIdAllocator('onFailure/')('a')).toBe('onFailure/a');
  });
});

describe('provider', () => {
  it('is local unless LEVQOR_JOBS_PROVIDER says inngest', () => {
    expect(resolveProvider({})).toBe('local');
    expect(resolveProvider({ LEVQOR_JOBS_PROVIDER: 'inngest' })).toBe('inngest');
    expect(() => resolveProvider({ LEVQOR_JOBS_PROVIDER: 'kafka' })).toThrow();
  });
});
