import { randomBytes } from 'node:crypto';
import { eq, securityEvents } from '@levqor/db';
import { testDb } from '@levqor/testing';
import { describe, expect, it } from 'vitest';
import { hashPii } from './pii-hash';
import { createRefusalLog } from './record-refusal';

const refusal = (key: string) => ({
  key,
  rule: 'test per ip',
  limit: 20,
  windowMs: 60_000,
  ip: '203.0.113.9',
  path: '/api/auth/signin/email',
  requestId: 'req-1',
});

const rowsFor = (key: string) =>
  testDb()
    .select()
    .from(securityEvents)
    .where(eq(securityEvents.type, 'rate_limited'))
    .then((rows) => rows.filter((r) => r.aggregateKey?.startsWith(`${key}@`)));

describe('createRefusalLog', () => {
  it('writes one row per limit key and window, counting every refusal, from any number of processes', async () => {
    const key = `test:${randomBytes(6).toString('hex')}`;
    const t = Date.UTC(2030, 0, 1, 12, 0, 10);
    const a = createRefusalLog(testDb(), () => t);
    const b = createRefusalLog(testDb(), () => t + 30_000); // another process, same minute
    await Promise.all([
      ...Array.from({ length: 120 }, () => a.record(refusal(key))),
      ...Array.from({ length: 30 }, () => b.record(refusal(key))),
    ]);
    const [row, ...others] = await rowsFor(key);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      count: 150,
      severity: 'warning',
      path: '/api/auth/signin/email',
      ipHash: hashPii('203.0.113.9'),
      aggregateKey: `${key}@2030-01-01T12:00:00.000Z`,
    });
    expect(row!.metadata).toMatchObject({ rule: 'test per ip', limit: 20, window_ms: 60_000 });
    // Raw addresses are never stored.
    expect(JSON.stringify(row)).not.toContain('203.0.113.9');
  });

  it('starts a new row in the next window', async () => {
    const key = `test:${randomBytes(6).toString('hex')}`;
    let now = Date.UTC(2030, 0, 1, 12, 0, 59);
    const log = createRefusalLog(testDb(), () => now);
    await log.record(refusal(key));
    now += 2_000;
    await Promise.all([log.record(refusal(key)), log.record(refusal(key))]);
    const rows = await rowsFor(key);
    expect(rows.map((r) => r.count).sort()).toEqual([1, 2]);
  });
});
