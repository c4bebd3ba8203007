import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  catchUp,
  checkRecurrence,
  type Occurrence,
  occurrenceFrom,
  type Recurrence,
  type RecurrenceRequest,
  upcomingOccurrences,
  upcomingRunTimes,
} from '../../src/domain/recurrence.js';

const daily: Recurrence = { every: 'DAY', interval: 1, weekdaysOnly: false, endAt: null, timeZone: 'UTC' };

function times(recurrence: Recurrence, anchor: string, count: number): string[] {
  return upcomingOccurrences(recurrence, new Date(anchor), 0, count).map((o) => o.at.toISOString());
}

describe('semantics R6 occurrences', () => {
  it('09:00 Europe/Berlin stays 09:00 across both daylight-saving changes', () => {
    const berlin = { ...daily, timeZone: 'Europe/Berlin' };
    expect(times(berlin, '2026-03-28T08:00:00Z', 3)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(times(berlin, '2026-10-24T07:00:00Z', 3)).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('a weekly New York time keeps its local time when the United States change clocks', () => {
    const weekly = { ...daily, every: 'WEEK' as const, timeZone: 'America/New_York' };
    expect(times(weekly, '2026-03-01T14:30:00Z', 2)).toEqual([
      '2026-03-01T14:30:00.000Z',
      '2026-03-08T13:30:00.000Z',
    ]);
  });

  it('a local time the clock skips runs at the first instant after the gap', () => {
    const berlin = { ...daily, timeZone: 'Europe/Berlin' };
    // 02:30 local on 28 March; on 29 March the clock goes from 02:00 straight to 03:00 (01:00Z).
    expect(times(berlin, '2026-03-28T01:30:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('a local time the clock shows twice runs at the first of the two', () => {
    const berlin = { ...daily, timeZone: 'Europe/Berlin' };
    // 02:30 local on 24 October; on 25 October it is 02:30 CEST (00:30Z) and again 02:30 CET (01:30Z).
    expect(times(berlin, '2026-10-24T00:30:00Z', 3)).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('the 31st becomes the last day of shorter months and comes back in longer ones', () => {
    const monthly = { ...daily, every: 'MONTH' as const };
    expect(times(monthly, '2028-01-31T09:00:00Z', 5)).toEqual([
      '2028-01-31T09:00:00.000Z',
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
      '2028-04-30T09:00:00.000Z',
      '2028-05-31T09:00:00.000Z',
    ]);
  });

  it('every n months crosses years', () => {
    const quarterly = { ...daily, every: 'MONTH' as const, interval: 5 };
    expect(times(quarterly, '2026-11-30T09:00:00Z', 3)).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2027-04-30T09:00:00.000Z',
      '2027-09-30T09:00:00.000Z',
    ]);
  });

  it('weekdays only skips local Saturdays and Sundays, also where UTC is on another day', () => {
    const weekdays = { ...daily, weekdaysOnly: true, timeZone: 'Pacific/Auckland' };
    // Friday 27 November 2026, 08:00 in Auckland (still Thursday in UTC).
    const found = upcomingOccurrences(weekdays, new Date('2026-11-26T19:00:00Z'), 0, 3);
    expect(found.map((o) => [o.step, o.at.toISOString()])).toEqual([
      [0, '2026-11-26T19:00:00.000Z'],
      [3, '2026-11-29T19:00:00.000Z'],
      [4, '2026-11-30T19:00:00.000Z'],
    ]);
  });

  it('every 2 days, weekdays only: the days of the sequence that are weekdays', () => {
    const weekdays = { ...daily, interval: 2, weekdaysOnly: true };
    // Monday 30 November 2026: Mon, Wed, Fri, (Sun skipped), Tue.
    expect(times(weekdays, '2026-11-30T09:00:00Z', 4)).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-12-02T09:00:00.000Z',
      '2026-12-04T09:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ]);
  });

  it('endAt bounds the occurrences, inclusively', () => {
    const bounded = { ...daily, endAt: new Date('2026-12-02T09:00:00Z') };
    expect(times(bounded, '2026-11-30T09:00:00Z', 5)).toHaveLength(3);
    expect(occurrenceFrom(bounded, new Date('2026-11-30T09:00:00Z'), 3)).toBeNull();
  });

  it('weekdays only every 7 days from a Saturday never occurs', () => {
    const never = { ...daily, interval: 7, weekdaysOnly: true };
    expect(occurrenceFrom(never, new Date('2026-11-28T09:00:00Z'), 0)).toBeNull();
  });
});

describe('semantics R6 missed occurrences', () => {
  const anchor = new Date('2026-11-01T09:00:00Z');
  const due = { step: 1, at: new Date('2026-11-02T09:00:00Z') };

  it('start the latest one due, once, and go on from the one after it', () => {
    const { start, next } = catchUp(daily, anchor, due, new Date('2026-11-05T12:00:00Z'));
    expect(start).toEqual({ step: 4, at: new Date('2026-11-05T09:00:00Z') });
    expect(next).toEqual({ step: 5, at: new Date('2026-11-06T09:00:00Z') });
  });

  it('an occurrence on time starts itself', () => {
    expect(catchUp(daily, anchor, due, due.at)).toEqual({
      start: due,
      next: { step: 2, at: new Date('2026-11-03T09:00:00Z') },
    });
  });

  it.each([
    ['daily in Berlin', { ...daily, timeZone: 'Europe/Berlin' }],
    ['every 3 days, weekdays only', { ...daily, interval: 3, weekdaysOnly: true }],
    ['weekly in New York', { ...daily, every: 'WEEK' as const, timeZone: 'America/New_York' }],
    ['monthly from the 31st', { ...daily, every: 'MONTH' as const }],
  ])(
    'after a long stop, %s starts the same occurrence as going through them one by one',
    (_case, recurrence) => {
      const from = new Date('2026-01-31T09:00:00Z');
      const [first, ...rest] = upcomingOccurrences(recurrence, from, 1, 500);
      for (const now of ['2026-02-01T00:00:00Z', '2026-07-15T09:30:00Z', '2027-03-31T09:00:00Z']) {
        const at = new Date(now);
        const latest = [first, ...rest].filter((o) => o && o.at <= at).at(-1) ?? first;
        expect(catchUp(recurrence, from, first as Occurrence, at).start).toEqual(latest);
      }
    },
  );

  it('past endAt there is no next one', () => {
    const bounded = { ...daily, endAt: new Date('2026-11-03T09:00:00Z') };
    expect(catchUp(bounded, anchor, due, new Date('2026-12-01T00:00:00Z'))).toEqual({
      start: { step: 2, at: new Date('2026-11-03T09:00:00Z') },
      next: null,
    });
  });
});

describe('semantics R6 upcoming run times', () => {
  const anchor = new Date('2026-11-01T09:00:00Z');
  const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

  it('on time: the pending first run, then the occurrences from the next one', () => {
    const now = new Date('2026-11-01T08:00:00Z');
    const next = { step: 1, at: new Date('2026-11-02T09:00:00Z') };
    expect(iso(upcomingRunTimes(daily, anchor, { pendingFirst: anchor, next }, now, 3))).toEqual([
      '2026-11-01T09:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      '2026-11-03T09:00:00.000Z',
    ]);
  });

  it('after missed occurrences: the one catch-up starts, at now, then the ones after it; never a past instant', () => {
    const now = new Date('2026-11-05T12:00:00Z');
    const next = { step: 1, at: new Date('2026-11-02T09:00:00Z') };
    expect(iso(upcomingRunTimes(daily, anchor, { pendingFirst: null, next }, now, 3))).toEqual([
      '2026-11-05T12:00:00.000Z',
      '2026-11-06T09:00:00.000Z',
      '2026-11-07T09:00:00.000Z',
    ]);
  });

  it('a first run overdue shows at now; an ended recurrence shows nothing after it', () => {
    const now = new Date('2026-11-01T10:00:00Z');
    expect(iso(upcomingRunTimes(daily, anchor, { pendingFirst: anchor, next: null }, now, 3))).toEqual([
      '2026-11-01T10:00:00.000Z',
    ]);
    const bounded = { ...daily, endAt: new Date('2026-11-03T09:00:00Z') };
    const next = { step: 1, at: new Date('2026-11-02T09:00:00Z') };
    expect(
      iso(
        upcomingRunTimes(bounded, anchor, { pendingFirst: null, next }, new Date('2026-12-01T00:00:00Z'), 3),
      ),
    ).toEqual(['2026-12-01T00:00:00.000Z']);
  });
});

describe('semantics R6 checks', () => {
  const request: RecurrenceRequest = { ...daily, timeZone: 'europe/berlin' };
  const anchor = new Date('2026-11-30T08:00:00Z');

  it('spells the time zone as Intl does', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    const checked = checkRecurrence(request, anchor);
    expect(checked).toMatchObject({
      recurrence: { timeZone: 'Europe/Berlin' },
      first: { step: 0, at: anchor },
    });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone "Mars/Olympus" is not an IANA time zone'],
    [{ timeZone: '' }, 'timeZone "" is not an IANA time zone'],
    [{ interval: 0 }, 'interval must be 1 to 1000'],
    [{ interval: 1001 }, 'interval must be 1 to 1000'],
    [{ every: 'WEEK' as const, weekdaysOnly: true }, 'weekdaysOnly applies to every: DAY only'],
    [{ endAt: new Date('2026-11-30T07:59:59Z') }, expect.stringContaining('endAt is before the first one')],
  ])('refuses %o', (change, problem) => {
    expect(checkRecurrence({ ...request, ...change }, anchor)).toEqual({ problem });
  });

  it('weekdays only from a Saturday starts on the Monday', () => {
    const saturday = new Date('2026-11-28T08:00:00Z');
    expect(checkRecurrence({ ...request, weekdaysOnly: true }, saturday)).toMatchObject({
      first: { step: 2, at: new Date('2026-11-30T08:00:00Z') },
    });
  });
});
