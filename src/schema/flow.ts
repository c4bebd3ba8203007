import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Campaign, type StoredFlowStep } from '../db/entities/campaign.entity.js';
import { Program } from '../db/entities/program.entity.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { flowSizeRefusal } from '../domain/definition-limits.js';
import type { Filter, FlowAction, FlowChoice } from '../domain/model.js';
import { builder } from './builder.js';
import { CampaignRef } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { userError } from './errors.js';
import { databaseId } from './ids.js';
import { LIMITS, listOf, text } from './limits.js';
import { StaticListRef } from './list.js';
import { loadVisible, requireInWorkspace } from './loading.js';
import { ProgramRef } from './program.js';
import { FilterInputRef, SmartListFilterRef, toStoredFilter } from './smart-list.js';
import { toStoredWebhook, WebhookInput, WebhookRef } from './webhook.js';

export const MAX_WAIT_SECONDS = 365 * 24 * 3600;

type ActionType = FlowAction['type'];
type ActionOf<T extends ActionType> = Extract<FlowAction, { type: T }>;

const ChangeScoreRef = builder.objectRef<ActionOf<'changeScore'>>('ChangeScore').implement({
  description: 'Adds to, subtracts from or sets a score field.',
  fields: (t) => ({
    scoreName: t.exposeString('scoreName'),
    change: t.exposeString('change', {
      description: '+10, -5, =50, or tokens that resolve to one of those, e.g. {{my.score}}',
    }),
  }),
});
const ChangeDataValueRef = builder.objectRef<ActionOf<'changeDataValue'>>('ChangeDataValue').implement({
  description: 'Sets or clears a lead field.',
  fields: (t) => ({
    attribute: t.exposeString('attribute'),
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
    campaign: t.field({ type: CampaignRef, resolve: (action) => action.campaignId }),
    useParentTokenContext: t.exposeBoolean('useParentTokenContext', {
      description: 'True: the child resolves tokens in this campaign’s context (API-passed tokens included).',
    }),
  }),
});
const RequestCampaignRef = builder.objectRef<ActionOf<'requestCampaign'>>('RequestCampaign').implement({
  description: 'Hands the lead to an active trigger campaign, which runs separately (in parallel).',
  fields: (t) => ({
    campaign: t.field({ type: CampaignRef, resolve: (action) => action.campaignId }),
  }),
});
const RemoveFromFlowRef = builder.objectRef<ActionOf<'removeFromFlow'>>('RemoveFromFlow').implement({
  description: 'Stops the lead’s flows in these campaigns (and, for an executable one, in its callers).',
  fields: (t) => ({
    campaigns: t.field({
      type: [CampaignRef],
      complexity: COST.removedCampaigns,
      resolve: (action) => action.campaignIds,
    }),
  }),
});
const AddToListRef = builder.objectRef<ActionOf<'addToList'>>('AddToList').implement({
  description: 'Adds the lead to a static list.',
  fields: (t) => ({
    list: t.field({ type: StaticListRef, resolve: (action) => action.listId }),
  }),
});
const RemoveFromListRef = builder.objectRef<ActionOf<'removeFromList'>>('RemoveFromList').implement({
  description: 'Removes the lead from a static list.',
  fields: (t) => ({
    list: t.field({ type: StaticListRef, resolve: (action) => action.listId }),
  }),
});
const ChangeProgramStatusRef = builder
  .objectRef<ActionOf<'changeProgramStatus'>>('ChangeProgramStatus')
  .implement({
    description: 'Makes the lead a member of a program with a status; never moves a status backwards.',
    fields: (t) => ({
      program: t.field({ type: ProgramRef, resolve: (action) => action.programId }),
      status: t.exposeString('status'),
    }),
  });
const WaitRef = builder.objectRef<ActionOf<'wait'>>('Wait').implement({
  description: 'Pauses the lead’s flow (batch and trigger campaigns only).',
  fields: (t) => ({ seconds: t.exposeInt('seconds') }),
});
const InterestingMomentRef = builder.objectRef<ActionOf<'interestingMoment'>>('InterestingMoment').implement({
  description: 'Records an interesting moment.',
  fields: (t) => ({
    kind: t.exposeString('kind'),
    description: t.exposeString('description'),
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
  types: Object.values(MEMBERS),
  resolveType: (action: FlowAction) => MEMBERS[action.type],
});

const FlowChoiceRef = builder.objectRef<{ when: Filter; action: FlowAction | null }>('FlowChoice').implement({
  fields: (t) => ({
    when: t.field({ type: SmartListFilterRef, resolve: (choice) => ({ ...choice.when, position: 1 }) }),
    action: t.field({
      type: FlowActionRef,
      nullable: true,
      description: 'null means do nothing.',
      resolve: (choice) => choice.action,
    }),
  }),
});

const FlowStepRef = builder.objectRef<StoredFlowStep & { position: number }>('FlowStep').implement({
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
    resolve: (campaign) => campaign.flow.map((step, index) => ({ ...step, position: index + 1 })),
  }),
}));

const ChangeScoreInput = builder.inputType('ChangeScoreInput', {
  fields: (t) => ({
    scoreName: t.string({ required: false, defaultValue: 'score', validate: text(LIMITS.name) }),
    change: t.string({ validate: text(LIMITS.shortText) }),
  }),
});
const ChangeDataValueInput = builder.inputType('ChangeDataValueInput', {
  fields: (t) => ({
    attribute: t.string({ validate: text(LIMITS.name) }),
    value: t.string({ required: false, validate: text(LIMITS.longText) }),
  }),
});
const ExecuteCampaignInput = builder.inputType('ExecuteCampaignInput', {
  fields: (t) => ({
    campaignId: t.id(),
    useParentTokenContext: t.boolean({ required: false, defaultValue: false }),
  }),
});
const RequestCampaignInput = builder.inputType('RequestCampaignInput', {
  fields: (t) => ({ campaignId: t.id() }),
});
const RemoveFromFlowInput = builder.inputType('RemoveFromFlowInput', {
  fields: (t) => ({ campaignIds: t.idList({ validate: listOf(z.string()) }) }),
});
const ListActionInput = builder.inputType('ListActionInput', { fields: (t) => ({ listId: t.id() }) });
const ChangeProgramStatusInput = builder.inputType('ChangeProgramStatusInput', {
  fields: (t) => ({ programId: t.id(), status: t.string({ validate: text(LIMITS.name) }) }),
});
const WaitInput = builder.inputType('WaitInput', { fields: (t) => ({ seconds: t.int() }) });
const InterestingMomentInput = builder.inputType('InterestingMomentInput', {
  fields: (t) => ({
    kind: t.string({ validate: text(LIMITS.name) }),
    description: t.string({ validate: text(LIMITS.longText) }),
  }),
});

const FlowActionInputRef = builder.inputType('FlowActionInput', {
  description: 'Exactly one action.',
  isOneOf: true,
  fields: (t) => ({
    changeScore: t.field({ type: ChangeScoreInput, required: false }),
    changeDataValue: t.field({ type: ChangeDataValueInput, required: false }),
    executeCampaign: t.field({ type: ExecuteCampaignInput, required: false }),
    requestCampaign: t.field({ type: RequestCampaignInput, required: false }),
    removeFromFlow: t.field({ type: RemoveFromFlowInput, required: false }),
    addToList: t.field({ type: ListActionInput, required: false }),
    removeFromList: t.field({ type: ListActionInput, required: false }),
    changeProgramStatus: t.field({ type: ChangeProgramStatusInput, required: false }),
    wait: t.field({ type: WaitInput, required: false }),
    webhook: t.field({ type: WebhookInput, required: false }),
    interestingMoment: t.field({ type: InterestingMomentInput, required: false }),
  }),
});

const FlowChoiceInputRef = builder.inputType('FlowChoiceInput', {
  fields: (t) => ({
    when: t.field({ type: FilterInputRef }),
    action: t.field({ type: FlowActionInputRef, required: false }),
  }),
});

export const FlowStepInputRef = builder.inputType('FlowStepInput', {
  fields: (t) => ({
    action: t.field({ type: FlowActionInputRef, required: false }),
    choices: t.field({ type: [FlowChoiceInputRef], required: false }),
  }),
});

type FlowActionInput = typeof FlowActionInputRef.$inferInput;
type FlowStepInput = typeof FlowStepInputRef.$inferInput;

/**
 * A campaign targeted by a flow step. Another workspace's campaign is CROSS_WORKSPACE_EXECUTE for a
 * key that can see it (the admin key) and simply unknown for a key that cannot.
 */
async function targetCampaignId(
  context: GraphQLContext,
  globalId: string,
  workspaceId: string,
  where: string,
): Promise<string> {
  const id = databaseId(globalId, 'Campaign');
  const [campaign] = await loadVisible(context, Campaign, [id]);
  if (!campaign) throw userError('NOT_FOUND', `${where}: no Campaign with id ${globalId}`);
  if (campaign.workspace.id !== workspaceId) {
    throw userError(
      'CROSS_WORKSPACE_EXECUTE',
      `${where}: campaign ${campaign.name} belongs to another workspace`,
    );
  }
  return id;
}

async function toStoredAction(
  context: GraphQLContext,
  workspaceId: string,
  input: FlowActionInput,
  where: string,
): Promise<FlowAction> {
  const bad = (message: string) => userError('BAD_USER_INPUT', `${where}: ${message}`);
  if (input.changeScore) {
    const change = input.changeScore.change.trim();
    if (!change) throw bad('changeScore needs a change such as +10');
    return { type: 'changeScore', scoreName: input.changeScore.scoreName?.trim() || 'score', change };
  }
  if (input.changeDataValue) {
    const attribute = input.changeDataValue.attribute.trim();
    if (!attribute) throw bad('changeDataValue needs an attribute');
    return { type: 'changeDataValue', attribute, value: input.changeDataValue.value ?? null };
  }
  if (input.executeCampaign) {
    return {
      type: 'executeCampaign',
      campaignId: await targetCampaignId(context, input.executeCampaign.campaignId, workspaceId, where),
      useParentTokenContext: input.executeCampaign.useParentTokenContext ?? false,
    };
  }
  if (input.requestCampaign) {
    return {
      type: 'requestCampaign',
      campaignId: await targetCampaignId(context, input.requestCampaign.campaignId, workspaceId, where),
    };
  }
  if (input.removeFromFlow) {
    if (input.removeFromFlow.campaignIds.length === 0)
      throw bad('removeFromFlow needs at least one campaign');
    const campaignIds: string[] = [];
    for (const globalId of input.removeFromFlow.campaignIds) {
      campaignIds.push(await targetCampaignId(context, globalId, workspaceId, where));
    }
    return { type: 'removeFromFlow', campaignIds };
  }
  const notFound = (message: string) => userError('NOT_FOUND', `${where}: ${message}`);
  if (input.addToList || input.removeFromList) {
    const globalId = (input.addToList ?? input.removeFromList)?.listId as string;
    const { id: listId } = await requireInWorkspace(
      context,
      StaticList,
      { typename: 'StaticList', globalId, workspaceId },
      notFound,
    );
    return { type: input.addToList ? 'addToList' : 'removeFromList', listId };
  }
  if (input.changeProgramStatus) {
    const program = await requireInWorkspace(
      context,
      Program,
      { typename: 'Program', globalId: input.changeProgramStatus.programId, workspaceId },
      notFound,
    );
    if (!program.statuses.includes(input.changeProgramStatus.status)) {
      throw bad(`"${input.changeProgramStatus.status}" is not a status of program ${program.name}`);
    }
    return { type: 'changeProgramStatus', programId: program.id, status: input.changeProgramStatus.status };
  }
  if (input.wait) {
    const { seconds } = input.wait;
    if (seconds < 1 || seconds > MAX_WAIT_SECONDS) throw bad(`wait takes 1 to ${MAX_WAIT_SECONDS} seconds`);
    return { type: 'wait', seconds };
  }
  if (input.webhook) return toStoredWebhook(input.webhook, bad);
  if (input.interestingMoment) {
    const kind = input.interestingMoment.kind.trim();
    if (!kind) throw bad('interestingMoment needs a kind');
    return { type: 'interestingMoment', kind, description: input.interestingMoment.description };
  }
  throw bad('an action needs exactly one field');
}

/**
 * Checks a flow's references and shape, and turns it into its stored form. The step at each
 * position keeps that position's id.
 */
export async function toStoredFlow(
  context: GraphQLContext,
  workspaceId: string,
  steps: FlowStepInput[],
  previous: StoredFlowStep[] = [],
): Promise<StoredFlowStep[]> {
  const refusal = flowSizeRefusal(steps);
  if (refusal) throw userError('BAD_USER_INPUT', refusal);
  const stored: StoredFlowStep[] = [];
  for (const [index, step] of steps.entries()) {
    const where = `flow step ${index + 1}`;
    const choices = step.choices ?? [];
    const storedChoices: FlowChoice[] = [];
    for (const [choiceIndex, choice] of choices.entries()) {
      const choiceWhere = `${where}, choice ${choiceIndex + 1}`;
      storedChoices.push({
        when: await toStoredFilter(context, workspaceId, choice.when, choiceWhere),
        action: choice.action ? await toStoredAction(context, workspaceId, choice.action, choiceWhere) : null,
      });
    }
    stored.push({
      id: previous[index]?.id ?? randomUUID(),
      action: step.action ? await toStoredAction(context, workspaceId, step.action, where) : null,
      choices: storedChoices,
    });
  }
  return stored;
}
