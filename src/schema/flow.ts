import type { StoredFlowStep } from '../db/entities/campaign.entity.js';
import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import type { Filter, FlowAction } from '../domain/model.js';
import { builder } from './builder.js';
import { CampaignRef } from './campaign.js';
import { readCampaign } from './campaign-graph-loader.js';
import { COST } from './cost.js';
import { StaticListRef } from './list.js';
import { ProgramRef } from './program.js';
import { SmartListFilterRef } from './smart-list.js';
import { WebhookRef } from './webhook.js';

export const MAX_WAIT_SECONDS = 365 * 24 * 3600;

type ActionType = FlowAction['type'];
type ActionOf<T extends ActionType> = Extract<FlowAction, { type: T }>;

const ChangeScoreRef = builder.objectRef<ActionOf<'changeScore'>>('ChangeScore').implement({
  description: 'Adds to, subtracts from or sets a score field.',
  fields: (t) => ({
    scoreName: t.exposeString('scoreName', { description: 'The SCORE field to change (score by default).' }),
    change: t.exposeString('change', {
      description: '+10, -5, =50, or tokens that resolve to one of those, e.g. {{my.score}}',
    }),
  }),
});
const ChangeDataValueRef = builder.objectRef<ActionOf<'changeDataValue'>>('ChangeDataValue').implement({
  description: 'Sets or clears a lead field.',
  fields: (t) => ({
    attribute: t.exposeString('attribute', { description: 'The lead field to set.' }),
    value: t.string({
      nullable: true,
      description: 'May hold tokens; null clears the value.',
      resolve: (action) => action.value,
    }),
  }),
});
const ExecuteCampaignRef = builder.objectRef<ActionOf<'executeCampaign'>>('ExecuteCampaign').implement({
  description: 'Runs an executable campaign’s whole flow for the lead, inside this step (serially).',
  fields: (t) => ({
    campaign: t.field({
      type: CampaignRef,
      description: 'The executable campaign to run.',
      resolve: (action, _args, context) => readCampaign(context, action.campaignId) ?? action.campaignId,
    }),
    useParentTokenContext: t.exposeBoolean('useParentTokenContext', {
      description: 'True: the child resolves tokens in this campaign’s context (API-passed tokens included).',
    }),
  }),
});
const RequestCampaignRef = builder.objectRef<ActionOf<'requestCampaign'>>('RequestCampaign').implement({
  description: 'Hands the lead to an active trigger campaign, which runs separately (in parallel).',
  fields: (t) => ({
    campaign: t.field({
      type: CampaignRef,
      description: 'The trigger campaign (listening for Campaign is Requested) to hand the lead to.',
      resolve: (action, _args, context) => readCampaign(context, action.campaignId) ?? action.campaignId,
    }),
  }),
});
const RemoveFromFlowRef = builder.objectRef<ActionOf<'removeFromFlow'>>('RemoveFromFlow').implement({
  description: 'Stops the lead’s flows in these campaigns (and, for an executable one, in its callers).',
  fields: (t) => ({
    campaigns: t.field({
      type: [CampaignRef],
      complexity: COST.removedCampaigns,
      description: `The campaigns to stop, in the order given (a flow names at most ${DEFINITION_LIMITS.removedCampaigns} in all).`,
      resolve: (action) => action.campaignIds,
    }),
  }),
});
const AddToListRef = builder.objectRef<ActionOf<'addToList'>>('AddToList').implement({
  description: 'Adds the lead to a static list.',
  fields: (t) => ({
    list: t.field({ type: StaticListRef, description: 'The list.', resolve: (action) => action.listId }),
  }),
});
const RemoveFromListRef = builder.objectRef<ActionOf<'removeFromList'>>('RemoveFromList').implement({
  description: 'Removes the lead from a static list.',
  fields: (t) => ({
    list: t.field({ type: StaticListRef, description: 'The list.', resolve: (action) => action.listId }),
  }),
});
const ChangeProgramStatusRef = builder
  .objectRef<ActionOf<'changeProgramStatus'>>('ChangeProgramStatus')
  .implement({
    description: 'Makes the lead a member of a program with a status; never moves a status backwards.',
    fields: (t) => ({
      program: t.field({
        type: ProgramRef,
        description: 'The program.',
        resolve: (action) => action.programId,
      }),
      status: t.exposeString('status', { description: 'One of the program’s statuses.' }),
    }),
  });
const WaitRef = builder.objectRef<ActionOf<'wait'>>('Wait').implement({
  description: 'Pauses the lead’s flow (batch and trigger campaigns only).',
  fields: (t) => ({
    seconds: t.exposeInt('seconds', {
      description: `How long, in seconds: 1 to ${MAX_WAIT_SECONDS} (365 days).`,
    }),
  }),
});
const InterestingMomentRef = builder.objectRef<ActionOf<'interestingMoment'>>('InterestingMoment').implement({
  description: 'Records an interesting moment.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'Its kind, e.g. Milestone (the activity’s primary value).' }),
    description: t.exposeString('description', { description: 'Its text; may hold tokens.' }),
  }),
});

const MEMBERS = {
  changeScore: ChangeScoreRef,
  changeDataValue: ChangeDataValueRef,
  executeCampaign: ExecuteCampaignRef,
  requestCampaign: RequestCampaignRef,
  removeFromFlow: RemoveFromFlowRef,
  addToList: AddToListRef,
  removeFromList: RemoveFromListRef,
  changeProgramStatus: ChangeProgramStatusRef,
  wait: WaitRef,
  webhook: WebhookRef,
  interestingMoment: InterestingMomentRef,
} as const;

const FlowActionRef = builder.unionType('FlowAction', {
  description: 'What a flow step or choice does: one member per kind of flow action.',
  types: Object.values(MEMBERS),
  resolveType: (action: FlowAction) => MEMBERS[action.type],
});

const FlowChoiceRef = builder.objectRef<{ when: Filter; action: FlowAction | null }>('FlowChoice').implement({
  description: 'A condition and the action to run instead of the step’s default when it holds for the lead.',
  fields: (t) => ({
    when: t.field({
      type: SmartListFilterRef,
      description: 'The condition: a smart-list filter, tested against the lead when the step runs.',
      resolve: (choice) => ({ ...choice.when, position: 1 }),
    }),
    action: t.field({
      type: FlowActionRef,
      nullable: true,
      description: 'null means do nothing.',
      resolve: (choice) => choice.action,
    }),
  }),
});

const FlowStepRef = builder.objectRef<StoredFlowStep & { position: number }>('FlowStep').implement({
  description: 'One step of a flow: a default action and optional choices.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Kept by the step at the same position when the flow is replaced, so that a waiting lead resumes there.',
    }),
    position: t.exposeInt('position', { description: '1-based.' }),
    action: t.field({
      type: FlowActionRef,
      nullable: true,
      description: 'The default action; null means do nothing.',
      resolve: (step) => step.action,
    }),
    choices: t.field({
      type: [FlowChoiceRef],
      complexity: COST.choices,
      description: 'Checked in order; the first whose condition holds runs instead of the default.',
      resolve: (step) => step.choices,
    }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  flow: t.field({
    type: [FlowStepRef],
    complexity: COST.flowSteps,
    description: `The flow’s steps in the order they run (at most ${DEFINITION_LIMITS.flowSteps}).`,
    resolve: (campaign) => campaign.flow.map((step, index) => ({ ...step, position: index + 1 })),
  }),
}));
