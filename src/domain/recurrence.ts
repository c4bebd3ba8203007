/**
 * Recurring batch schedules (semantics R6): when each occurrence of a recurrence falls. Pure
 * calendar arithmetic over the IANA time zone database that `Intl` carries; no clock.
 */

export const RECURRENCE_UNITS = ['DAY', 'WEEK', 'MONTH'] as const;
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number];

const DAY_MS = 24 * 3600 * 1000;

/** The largest `interval`: every 1000 days, weeks or months. */
export const MAX_RECURRENCE_INTERVAL = 1000;

export interface Recurrence {
  every: RecurrenceUnit;
  /** Every `interval` units, at least 1. */
  interval: number;
  /** DAY only: occurrences falling on a Saturday or Sunday (local) are skipped. */
  weekdaysOnly: boolean;
  /** No occurrence after this instant; null: no end. */
  endAt: Date | null;
  /** An IANA time zone name, canonical (see `canonicalTimeZone`). */
  timeZone: string;
}

/** One occurrence: its step in the unfiltered sequence (0 is the anchor itself) and its instant. */
export interface Occurrence {
  step: number;
  at: Date;
}

/** A date and time of day on a wall clock, month 1-12. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The IANA name as `Intl` spells it (`europe/berlin` → `Europe/Berlin`); null when it names no time zone. */
export function canonicalTimeZone(name: string): string | null {
  if (name.trim() === '' || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The wall time in the zone at the instant. */
function wallTimeAt(timeZone: string, instant: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The wall time read as if it were UTC: comparable, and the zone's offset is the difference. */
function asUtc(wall: WallTime): number {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

/** How far the zone's clock is ahead of UTC at the instant. */
function offsetAt(timeZone: string, instant: number): number {
  return asUtc(wallTimeAt(timeZone, instant)) - instant;
}

/**
 * The instant the wall clock of the zone shows `wall`. Where the clock shows it twice (it is set
 * back), the first; where it skips it (it is set forward), the first instant after the gap.
 */
function instantOf(timeZone: string, wall: WallTime): number {
  const local = asUtc(wall);
  // The zone's offsets a day either side are the two it can have near the wanted time.
  const before = local - offsetAt(timeZone, local - DAY_MS);
  const after = local - offsetAt(timeZone, local + DAY_MS);
  const exact = [before, after]
    .sort((a, b) => a - b)
    .find((instant) => asUtc(wallTimeAt(timeZone, instant)) === local);
  if (exact !== undefined) return exact;
  // In a gap: the clock jumps from before the wanted time to after it; find the jump.
  let low = Math.min(before, after);
  let high = Math.max(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (asUtc(wallTimeAt(timeZone, middle)) < local) low = middle;
    else high = middle;
  }
  return high;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The wall date `days` after the wall time's date, same time of day. */
function addDays(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `months` months later, same time of day; a day the month lacks (the 31st) becomes its last day. */
function addMonths(wall: WallTime, months: number): WallTime {
  const index = wall.month - 1 + months;
  const year = wall.year + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return { ...wall, year, month, day: Math.min(wall.day, daysInMonth(year, month)) };
}

function isWeekend(wall: WallTime): boolean {
  const weekday = new Date(asUtc({ ...wall, hour: 12, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function wallTimeOfStep(recurrence: Recurrence, anchor: WallTime, step: number): WallTime {
  const units = step * recurrence.interval;
  if (recurrence.every === 'MONTH') return addMonths(anchor, units);
  return addDays(anchor, recurrence.every === 'WEEK' ? units * 7 : units);
}

/**
 * The first occurrence at or after `fromStep` of the recurrence anchored at `anchor` (step 0, the
 * first occurrence's wall time in the zone); null when the next one would fall after `endAt`, or
 * never comes (weekdays only, every 7 days from a Saturday).
 */
export function occurrenceFrom(recurrence: Recurrence, anchor: Date, fromStep: number): Occurrence | null {
  const anchorWall = wallTimeAt(recurrence.timeZone, anchor.getTime());
  // Weekdays repeat after 7 steps: a step that is skipped 7 times running is skipped for ever.
  for (let step = fromStep; step < fromStep + 7; step += 1) {
    const wall = wallTimeOfStep(recurrence, anchorWall, step);
    if (recurrence.weekdaysOnly && isWeekend(wall)) continue;
    const at = new Date(instantOf(recurrence.timeZone, wall));
    return recurrence.endAt && at > recurrence.endAt ? null : { step, at };
  }
  return null;
}

/** The next `count` occurrences from `fromStep` on, in order, up to `endAt`. */
export function upcomingOccurrences(
  recurrence: Recurrence,
  anchor: Date,
  fromStep: number,
  count: number,
): Occurrence[] {
  const found: Occurrence[] = [];
  for (let step = fromStep; found.length < count; ) {
    const next = occurrenceFrom(recurrence, anchor, step);
    if (!next) break;
    found.push(next);
    step = next.step + 1;
  }
  return found;
}

/**
 * A step that is due at `now` unless skipped, and not far before the latest one: the time passed
 * since the anchor in the longest a step can last, a day kept aside for daylight-saving shifts.
 */
function stepDueBy(recurrence: Recurrence, anchor: Date, now: Date): number {
  const days = recurrence.every === 'MONTH' ? 31 : recurrence.every === 'WEEK' ? 7 : 1;
  const longest = recurrence.interval * days * DAY_MS;
  return Math.max(0, Math.floor((now.getTime() - anchor.getTime() - DAY_MS) / longest));
}

/**
 * The occurrence due now, from `due` (the next one not yet started, already due) on: the latest of
 * those whose time has come, so that occurrences missed while no worker ran start once, not once
 * each (semantics R6); and the one after it, null when the recurrence has ended.
 */
export function catchUp(
  recurrence: Recurrence,
  anchor: Date,
  due: Occurrence,
  now: Date,
): { start: Occurrence; next: Occurrence | null } {
  const jump = occurrenceFrom(recurrence, anchor, Math.max(due.step, stepDueBy(recurrence, anchor, now)));
  let start = jump && jump.at <= now ? jump : due;
  for (;;) {
    const next = occurrenceFrom(recurrence, anchor, start.step + 1);
    if (!next || next.at > now) return { start, next };
    start = next;
  }
}

/** A recurrence as a client gives it, before it is checked. */
export interface RecurrenceRequest extends Omit<Recurrence, 'timeZone'> {
  timeZone: string;
}

/**
 * The recurrence anchored at `anchor` (the first occurrence unless weekdays only skips it) with its
 * first occurrence, or why it cannot be saved (a BAD_USER_INPUT message), checked in this order:
 * the time zone, the interval, weekdays only, then that an occurrence comes before `endAt`.
 */
export function checkRecurrence(
  request: RecurrenceRequest,
  anchor: Date,
): { recurrence: Recurrence; first: Occurrence } | { problem: string } {
  const timeZone = canonicalTimeZone(request.timeZone);
  if (!timeZone) return { problem: `timeZone ${JSON.stringify(request.timeZone)} is not an IANA time zone` };
  const { interval } = request;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_RECURRENCE_INTERVAL) {
    return { problem: `interval must be 1 to ${MAX_RECURRENCE_INTERVAL}` };
  }
  if (request.weekdaysOnly && request.every !== 'DAY') {
    return { problem: 'weekdaysOnly applies to every: DAY only' };
  }
  const recurrence = { ...request, timeZone };
  const first = occurrenceFrom(recurrence, anchor, 0);
  if (!first) {
    return {
      problem: 'the recurrence has no occurrence: endAt is before the first one, or none falls on a weekday',
    };
  }
  return { recurrence, first };
}

/**
 * When the recurrence's next `count` runs start, seen at `now`: its first occurrence's run while
 * that waits (`pendingFirst`), then the occurrences from `next` on (none once it has ended). A run
 * or an occurrence already due starts as soon as a worker takes it, so it is shown at `now`; of the
 * occurrences due, only the one catch-up starts is shown (semantics R6), so no instant is earlier
 * than the run that will start.
 */
export function upcomingRunTimes(
  recurrence: Recurrence,
  anchor: Date,
  { pendingFirst, next }: { pendingFirst: Date | null; next: Occurrence | null },
  now: Date,
  count: number,
): Date[] {
  const notBeforeNow = (at: Date) => (at < now ? now : at);
  const first = pendingFirst && count > 0 ? [notBeforeNow(pendingFirst)] : [];
  if (next === null || first.length === count) return first;
  if (next.at > now) {
    const later = upcomingOccurrences(recurrence, anchor, next.step, count - first.length);
    return [...first, ...later.map((occurrence) => occurrence.at)];
  }
  const caughtUp = catchUp(recurrence, anchor, next, now).next;
  const later = caughtUp
    ? upcomingOccurrences(recurrence, anchor, caughtUp.step, count - first.length - 1)
    : [];
  return [...first, now, ...later.map((occurrence) => occurrence.at)];
}
