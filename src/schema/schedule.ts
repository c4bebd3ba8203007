import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { cancelSchedule } from '../commands/schedules.js';
import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignSchedule } from '../db/entities/campaign-schedule.entity.js';
import { toDomainRecurrence } from '../db/mappers.js';
import {
  MAX_RECURRENCE_INTERVAL,
  RECURRENCE_UNITS,
  type RecurrenceRequest,
  upcomingRunTimes,
} from '../domain/recurrence.js';
import { builder } from './builder.js';
import { CampaignRef } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { userError } from './errors.js';
import { requireNode } from './loading.js';
import { TokenRef, type TokenView } from './token.js';

const MAX_UPCOMING = 100;

export const RecurrenceUnitEnum = builder.enumType('RecurrenceUnit', {
  description: 'What a recurrence counts in; each occurrence keeps the local time of day of the first.',
  values: describedValues(RECURRENCE_UNITS, {
    DAY: 'Calendar days of the recurrence’s time zone.',
    WEEK: 'Seven calendar days: the same weekday.',
    MONTH: 'Calendar months: the same day of the month; a day a month lacks (the 31st) becomes its last day.',
  }),
});

export const RecurrenceInputRef = builder.inputType('RecurrenceInput', {
  description:
    'Repeats a batch campaign’s run (semantics R6 in docs/semantics.md): runAt (or now) is the first occurrence, and the next ones fall at the same local time of day in timeZone, every interval units, up to endAt.',
  fields: (t) => ({
    every: t.field({ type: RecurrenceUnitEnum, description: 'The unit interval counts in.' }),
    interval: t.int({
      required: false,
      defaultValue: 1,
      description: `Every how many units: 1 to ${MAX_RECURRENCE_INTERVAL}; 1 when not given.`,
    }),
    weekdaysOnly: t.boolean({
      required: false,
      defaultValue: false,
      description:
        'every: DAY only: occurrences falling on a Saturday or Sunday of timeZone are skipped (from a Saturday, the first one is the Monday). False when not given.',
    }),
    endAt: t.field({
      type: 'DateTime',
      required: false,
      description:
        'No occurrence after this instant; it must leave at least the first one. None: the recurrence runs until cancelled.',
    }),
    timeZone: t.string({
      required: false,
      defaultValue: 'UTC',
      description:
        'An IANA time zone name, such as Europe/Berlin; UTC when not given. A local time the clock skips that day runs at the first instant after the gap; one it shows twice, at the first of the two.',
    }),
  }),
});

type RecurrenceInput = typeof RecurrenceInputRef.$inferInput;

/** The input with its defaults, as the command checks it. */
export function toRecurrenceRequest(input: RecurrenceInput): RecurrenceRequest {
  return {
    every: input.every,
    interval: input.interval ?? 1,
    weekdaysOnly: input.weekdaysOnly ?? false,
    endAt: input.endAt ?? null,
    timeZone: input.timeZone ?? 'UTC',
  };
}

const RecurrenceRef = builder.objectRef<CampaignSchedule>('Recurrence').implement({
  description:
    'How a campaign’s batch run repeats, as scheduleCampaign was given it (its time zone as IANA spells it).',
  fields: (t) => ({
    every: t.field({
      type: RecurrenceUnitEnum,
      description: 'The unit interval counts in.',
      resolve: (schedule) => schedule.every,
    }),
    interval: t.exposeInt('interval', {
      description: `Every how many units, 1 to ${MAX_RECURRENCE_INTERVAL}.`,
    }),
    weekdaysOnly: t.exposeBoolean('weekdaysOnly', {
      description: 'Occurrences on a local Saturday or Sunday are skipped (every: DAY only).',
    }),
    endAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'No occurrence after this instant; null: none.',
      resolve: (schedule) => schedule.endAt ?? null,
    }),
    timeZone: t.exposeString('timeZone', {
      description: 'The IANA time zone whose wall clock the occurrences keep.',
    }),
  }),
});

/** The first occurrence's run while it waits to start, for upcoming and nextRunAt. */
function pendingFirst(schedule: CampaignSchedule): Date | null {
  const first = schedule.firstRun;
  return first.status === 'SCHEDULED' ? (first.scheduledFor ?? null) : null;
}

const CampaignScheduleRef = builder.objectRef<CampaignSchedule>('CampaignSchedule').implement({
  description:
    'A batch campaign’s recurring schedule (semantics R6 in docs/semantics.md): at most one per campaign.',
  fields: (t) => ({
    recurrence: t.field({
      type: RecurrenceRef,
      description: 'When the occurrences fall.',
      resolve: (schedule) => schedule,
    }),
    tokens: t.field({
      type: [TokenRef],
      description: 'The My Tokens passed to scheduleCampaign: every occurrence’s run gets them.',
      complexity: COST.tokens,
      resolve: (schedule): TokenView[] =>
        schedule.tokens.map((token) => ({
          ...token,
          owner: { typename: 'CampaignRun', id: schedule.firstRun.id },
        })),
    }),
    nextRunAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the next occurrence starts; null once the recurrence has ended (past endAt). An occurrence already due (no worker ran) starts as soon as a worker takes it: then this is the time of the request, never a past instant.',
      resolve: (schedule, _args, context) => upcomingTimes(schedule, 1, context)[0] ?? null,
    }),
    upcoming: t.field({
      type: ['DateTime'],
      description: `The next occurrences' start times, in order, up to endAt: first (1 to ${MAX_UPCOMING}, 5 when not given) of them. Occurrences missed while no worker ran start once (semantics R6 in docs/semantics.md): they are listed once, at the time of the request.`,
      args: {
        first: t.arg.int({
          required: false,
          defaultValue: 5,
          description: `How many: 1 to ${MAX_UPCOMING}; 5 when not given.`,
        }),
      },
      resolve: (schedule, args, context) => {
        const count = args.first ?? 5;
        if (count < 1 || count > MAX_UPCOMING) {
          throw userError('BAD_USER_INPUT', `first must be 1 to ${MAX_UPCOMING}`);
        }
        return upcomingTimes(schedule, count, context);
      },
    }),
  }),
});

/** The request's clock, read once so that nextRunAt and upcoming agree. */
const requestTime = createContextCache((_context: GraphQLContext) => new Date());

function upcomingTimes(schedule: CampaignSchedule, count: number, context: GraphQLContext): Date[] {
  const { nextStep, nextAt } = schedule;
  const next = nextStep != null && nextAt ? { step: nextStep, at: nextAt } : null;
  const pending = { pendingFirst: pendingFirst(schedule), next };
  return upcomingRunTimes(
    toDomainRecurrence(schedule),
    schedule.anchorAt,
    pending,
    requestTime(context),
    count,
  );
}

/** Campaigns' schedules by campaign id, loaded once per request with their first runs. */
const campaignSchedules = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, CampaignSchedule | null>(async (campaignIds) => {
      const found = await context.em.find(
        CampaignSchedule,
        { campaign: { $in: [...campaignIds] } },
        { populate: ['firstRun'] },
      );
      const byCampaign = new Map(found.map((schedule) => [schedule.campaign.id, schedule]));
      return campaignIds.map((id) => byCampaign.get(id) ?? null);
    }),
);

builder.objectFields(CampaignRef, (t) => ({
  schedule: t.field({
    type: CampaignScheduleRef,
    nullable: true,
    description:
      'Its recurring schedule (scheduleCampaign with recurrence); null when it has none or it was cancelled.',
    resolve: (campaign, _args, context) => campaignSchedules(context).load(campaign.id),
  }),
}));

builder.mutationFields((t) => ({
  cancelCampaignSchedule: t.field({
    type: CampaignRef,
    description:
      'Stops the campaign’s recurring schedule: no occurrence starts any more, and every run it made that has not started (SCHEDULED or QUEUED) is cancelled; runs that started go on. A campaign without one is returned as it is.',
    args: { campaignId: t.arg.id({ description: 'The campaign whose schedule stops.' }) },
    resolve: async (_root, args, context) =>
      cancelSchedule(context, await requireNode(context, Campaign, 'Campaign', args.campaignId)),
  }),
}));
