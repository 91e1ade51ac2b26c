import { describe, expect, it } from 'vitest';
import { reportWeek, reportYesterday, startOfZonedDay, zonedDay } from './report-period';

describe('report periods in London time', () => {
  it('weeks are London weeks: the one holding the spring change lasts 167 hours', () => {
    // 2026-03-29: clocks go forward at 01:00 GMT; 09:00 BST is 08:00 UTC.
    const w = reportWeek(new Date('2026-03-29T08:00:00Z'));
    expect(w).toMatchObject({ start: '2026-03-22', end: '2026-03-29' });
    expect(w.startAt.toISOString()).toBe('2026-03-22T00:00:00.000Z');
    expect(w.endAt.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    const next = reportWeek(new Date('2026-04-05T08:00:00Z'));
    expect(next).toMatchObject({ start: '2026-03-29', end: '2026-04-05' });
    expect(next.endAt.toISOString()).toBe('2026-04-04T23:00:00.000Z');
    expect((next.endAt.getTime() - next.startAt.getTime()) / 3_600_000).toBe(167);
  });

  it('the autumn change: the week ends at BST midnight and the next one is 169 hours', () => {
    // 2026-10-25: clocks go back at 02:00 BST; 09:00 GMT is 09:00 UTC.
    const w = reportWeek(new Date('2026-10-25T09:00:00Z'));
    expect(w).toMatchObject({ start: '2026-10-18', end: '2026-10-25' });
    expect(w.startAt.toISOString()).toBe('2026-10-17T23:00:00.000Z');
    expect(w.endAt.toISOString()).toBe('2026-10-24T23:00:00.000Z');
    const next = reportWeek(new Date('2026-11-01T09:00:00Z'));
    expect((next.endAt.getTime() - next.startAt.getTime()) / 3_600_000).toBe(169);
  });

  it('yesterday is the London day before the tick’s, even just after UTC midnight in summer', () => {
    expect(zonedDay(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(reportYesterday(new Date('2026-07-02T06:00:00Z'))).toMatchObject({
      start: '2026-07-01',
      end: '2026-07-02',
    });
    expect(startOfZonedDay('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfZonedDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });
});
