/** The time zone reports are written for: weeks and days are London's calendar (GMT or BST). */
export const REPORT_TIME_ZONE = 'Europe/London';

export interface ReportPeriod {
  /** First day, YYYY-MM-DD (inclusive), in `REPORT_TIME_ZONE`. */
  start: string;
  /** Day after the last, YYYY-MM-DD (exclusive). */
  end: string;
  /** The instants those days begin at in `REPORT_TIME_ZONE`. */
  startAt: Date;
  endAt: Date;
}

/** The calendar day (YYYY-MM-DD) of `at` in `timeZone`. */
export function zonedDay(at: Date, timeZone = REPORT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Offset of `timeZone` from UTC at `at`, in milliseconds (London: 0 in winter, +1 h in summer). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant `day` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfZonedDay(day: string, timeZone = REPORT_TIME_ZONE): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Midnight never falls inside London's transitions (01:00/02:00), so one correction is exact.
  return new Date(utcMidnight - offsetMs(new Date(utcMidnight), timeZone));
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function period(start: string, end: string): ReportPeriod {
  return { start, end, startAt: startOfZonedDay(start), endAt: startOfZonedDay(end) };
}

/**
 * The week a governance report fired at `tick` covers: the seven London days before the tick's day
 * (fired Sunday 09:00 → the previous Sunday 00:00 up to this Sunday 00:00, one DST change included).
 */
export function reportWeek(tick: Date): ReportPeriod {
  const today = zonedDay(tick);
  return period(addDays(today, -7), today);
}

/** The London day before `tick`'s (the daily ops summary's "yesterday"). */
export function reportYesterday(tick: Date): ReportPeriod {
  const today = zonedDay(tick);
  return period(addDays(today, -1), today);
}
