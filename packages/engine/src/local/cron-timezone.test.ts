import { describe, expect, it } from 'vitest';
import { defineFunction, ZCronTick } from '../define-function';
import { DAILY_SUMMARY_CRON, WEEKLY_REPORT_CRON } from '../functions/intelligence-reports';
import { createRegistry } from '../registry';
import { assertCron, nextTick, parseCronSpec } from './cron';

const fires = (spec: string, from: string, count: number) => {
  const out: string[] = [];
  let at = new Date(from);
  for (let i = 0; i < count; i++) {
    at = nextTick(spec, at);
    out.push(at.toISOString());
  }
  return out;
};

describe('cron schedules with a time zone', () => {
  it('parses Inngest’s TZ= prefix; without it, UTC', () => {
    expect(parseCronSpec('TZ=Europe/London 0 9 * * 0')).toEqual({
      tz: 'Europe/London',
      expression: '0 9 * * 0',
    });
    expect(parseCronSpec('*/5 * * * *')).toEqual({ tz: 'UTC', expression: '*/5 * * * *' });
    expect(() => assertCron('TZ=Mars/Olympus 0 9 * * 0', 'x')).toThrow(/unknown time zone Mars\/Olympus/);
    expect(() =>
      createRegistry([
        defineFunction({
          id: 'bad',
          trigger: { cron: 'TZ=Europe/London 0 25 * * *' },
          payload: ZCronTick,
          handler: async () => null,
        }),
      ]),
    ).toThrow(/invalid cron/);
  });

  it('the weekly report fires Sunday 09:00 London time across both DST changes of 2026', () => {
    expect(fires(WEEKLY_REPORT_CRON, '2026-03-16T00:00:00Z', 3)).toEqual([
      '2026-03-22T09:00:00.000Z', // GMT
      '2026-03-29T08:00:00.000Z', // BST from 01:00 that morning
      '2026-04-05T08:00:00.000Z',
    ]);
    expect(fires(WEEKLY_REPORT_CRON, '2026-10-12T00:00:00Z', 3)).toEqual([
      '2026-10-18T08:00:00.000Z', // BST
      '2026-10-25T09:00:00.000Z', // GMT from 02:00 BST that morning
      '2026-11-01T09:00:00.000Z',
    ]);
    // The same expression without the zone would fire at 09:00 UTC all year.
    expect(fires('0 9 * * 0', '2026-03-28T00:00:00Z', 1)).toEqual(['2026-03-29T09:00:00.000Z']);
  });

  it('the daily summary fires at 07:00 London time on the days around a change', () => {
    expect(fires(DAILY_SUMMARY_CRON, '2026-10-24T00:00:00Z', 3)).toEqual([
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
    ]);
  });
});
