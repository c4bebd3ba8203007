import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLError } from 'graphql';
import { Campaign } from '../db/entities/campaign.entity.js';
import {
  ACTIVITY_CRITERIA_LIMITS,
  type ActivityCriteria,
  criteriaBoundsProblem,
} from '../domain/activity-criteria.js';
import { ActivityTypeEnum } from './activity-type.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { LIMITS, text } from './limits.js';
import { requireInWorkspace } from './loading.js';

const { maxWithinDays, maxMinTimes } = ACTIVITY_CRITERIA_LIMITS;

const DESCRIPTIONS = {
  type: 'The activity type that counts.',
  campaignId:
    'Only activities written by this campaign’s own flow steps (an executed child’s steps are the child’s; its Execute Campaign activity is the caller’s). Null: any campaign.',
  executedCampaignId: 'EXECUTE_CAMPAIGN only: only executions of this campaign. Null: any.',
  qualified: 'EXECUTE_CAMPAIGN only: only executions with this Qualified value. Null: either.',
  attribute: 'CHANGE_DATA_VALUE only: only changes of this lead field (case-insensitive). Null: any field.',
  newValue:
    'CHANGE_DATA_VALUE only: only changes to this value, read as the type of the field `attribute` names (case-insensitive); given without attribute, the filter is INVALID_SMART_LIST. Null: any value.',
  withinDays: `Only activities of the last withinDays days (24 hours each) before the run’s clock, the edge included; from 1 to ${maxWithinDays}. Null: the whole history.`,
  minTimes: `How many matching activities HAD_ACTIVITY needs (NOT_HAD_ACTIVITY: fewer than this); from 1 to ${maxMinTimes}, default 1.`,
} as const;

export const ActivityCriteriaRef = builder.objectRef<ActivityCriteria>('ActivityCriteria').implement({
  description:
    'Which of a lead’s activities a HAD_ACTIVITY or NOT_HAD_ACTIVITY filter counts (semantics S5 in docs/semantics.md).',
  fields: (t) => ({
    type: t.field({ type: ActivityTypeEnum, description: DESCRIPTIONS.type, resolve: (c) => c.type }),
    campaignId: t.id({
      nullable: true,
      description: DESCRIPTIONS.campaignId,
      resolve: (c) => (c.campaignId ? encodeGlobalID('Campaign', c.campaignId) : null),
    }),
    executedCampaignId: t.id({
      nullable: true,
      description: DESCRIPTIONS.executedCampaignId,
      resolve: (c) => (c.executedCampaignId ? encodeGlobalID('Campaign', c.executedCampaignId) : null),
    }),
    qualified: t.boolean({
      nullable: true,
      description: DESCRIPTIONS.qualified,
      resolve: (c) => c.qualified ?? null,
    }),
    attribute: t.string({
      nullable: true,
      description: DESCRIPTIONS.attribute,
      resolve: (c) => c.attribute ?? null,
    }),
    newValue: t.string({
      nullable: true,
      description: DESCRIPTIONS.newValue,
      resolve: (c) => c.newValue ?? null,
    }),
    withinDays: t.int({
      nullable: true,
      description: DESCRIPTIONS.withinDays,
      resolve: (c) => c.withinDays ?? null,
    }),
    minTimes: t.int({ description: DESCRIPTIONS.minTimes, resolve: (c) => c.minTimes ?? 1 }),
  }),
});

export const ActivityCriteriaInputRef = builder.inputType('ActivityCriteriaInput', {
  description:
    'Which of a lead’s activities a HAD_ACTIVITY or NOT_HAD_ACTIVITY filter counts (semantics S5 in docs/semantics.md). Qualifiers that do not fit the type make the smart list INVALID_SMART_LIST.',
  fields: (t) => ({
    type: t.field({ type: ActivityTypeEnum, description: DESCRIPTIONS.type }),
    campaignId: t.id({ required: false, description: DESCRIPTIONS.campaignId }),
    executedCampaignId: t.id({ required: false, description: DESCRIPTIONS.executedCampaignId }),
    qualified: t.boolean({ required: false, description: DESCRIPTIONS.qualified }),
    attribute: t.string({
      required: false,
      description: DESCRIPTIONS.attribute,
      validate: text(LIMITS.name),
    }),
    newValue: t.string({
      required: false,
      description: DESCRIPTIONS.newValue,
      validate: text(LIMITS.shortText),
    }),
    withinDays: t.int({ required: false, description: DESCRIPTIONS.withinDays }),
    minTimes: t.int({ required: false, defaultValue: 1, description: DESCRIPTIONS.minTimes }),
  }),
});

type ActivityCriteriaInput = typeof ActivityCriteriaInputRef.$inferInput;

/**
 * Turns criteria's campaign ids into database ids, each of a campaign of the workspace; numbers out
 * of bounds are BAD_USER_INPUT. Qualifiers are stored as given and judged by the domain when the
 * smart list is saved (INVALID_SMART_LIST when they do not fit the type).
 */
export async function toStoredCriteria(
  context: GraphQLContext,
  workspaceId: string,
  input: ActivityCriteriaInput,
  { invalid, where }: { invalid: (message: string) => GraphQLError; where: string },
): Promise<ActivityCriteria> {
  const bounds = criteriaBoundsProblem(input);
  if (bounds) throw userError('BAD_USER_INPUT', `${where}: ${bounds}`);
  const campaignIdOf = async (globalId: string | null | undefined) =>
    globalId
      ? (
          await requireInWorkspace(
            context,
            Campaign,
            { typename: 'Campaign', globalId, workspaceId },
            invalid,
          )
        ).id
      : null;
  return {
    type: input.type,
    campaignId: await campaignIdOf(input.campaignId),
    executedCampaignId: await campaignIdOf(input.executedCampaignId),
    qualified: input.qualified ?? null,
    attribute: input.attribute?.trim() || null,
    newValue: input.newValue ?? null,
    withinDays: input.withinDays ?? null,
    minTimes: input.minTimes ?? 1,
  };
}
