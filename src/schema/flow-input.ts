import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Campaign, type StoredFlowStep } from '../db/entities/campaign.entity.js';
import { Program } from '../db/entities/program.entity.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { DEFINITION_LIMITS, flowSizeRefusal } from '../domain/definition-limits.js';
import type { FlowAction, FlowChoice } from '../domain/model.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { MAX_WAIT_SECONDS } from './flow.js';
import { databaseId } from './ids.js';
import { LIMITS, listOf, text } from './limits.js';
import { loadVisible, requireInWorkspace } from './loading.js';
import { FilterInputRef, toStoredFilter } from './smart-list-input.js';
import { toStoredWebhook, WebhookInput } from './webhook.js';

const ChangeScoreInput = builder.inputType('ChangeScoreInput', {
  description: 'Change Score: adds to, subtracts from or sets a SCORE field.',
  fields: (t) => ({
    scoreName: t.string({
      required: false,
      defaultValue: 'score',
      description: `The SCORE field, at most ${LIMITS.name} characters; empty means score.`,
      validate: text(LIMITS.name),
    }),
    change: t.string({
      description: `+N, -N or =N, or tokens resolving to one (e.g. {{my.score}}); at most ${LIMITS.shortText} characters, not empty.`,
      validate: text(LIMITS.shortText),
    }),
  }),
});
const ChangeDataValueInput = builder.inputType('ChangeDataValueInput', {
  description: 'Change Data Value: sets or clears a lead field.',
  fields: (t) => ({
    attribute: t.string({
      description: `The lead field, at most ${LIMITS.name} characters, not empty.`,
      validate: text(LIMITS.name),
    }),
    value: t.string({
      required: false,
      description: `The new value, may hold tokens, at most ${LIMITS.longText.toLocaleString('en')} characters; absent or null clears the field.`,
      validate: text(LIMITS.longText),
    }),
  }),
});
const ExecuteCampaignInput = builder.inputType('ExecuteCampaignInput', {
  description: 'Execute Campaign: runs an executable campaign of the same workspace inside this step.',
  fields: (t) => ({
    campaignId: t.id({ description: 'The executable campaign (else EXECUTE_TARGET_NOT_EXECUTABLE).' }),
    useParentTokenContext: t.boolean({
      required: false,
      defaultValue: false,
      description: 'True: the child resolves tokens in this campaign’s context.',
    }),
  }),
});
const RequestCampaignInput = builder.inputType('RequestCampaignInput', {
  description: 'Request Campaign: hands the lead to a trigger campaign of the same workspace.',
  fields: (t) => ({
    campaignId: t.id({
      description: 'A campaign listening for Campaign is Requested (else a NOT_REQUESTABLE problem).',
    }),
  }),
});
const RemoveFromFlowInput = builder.inputType('RemoveFromFlowInput', {
  description: 'Remove from Flow: stops the lead’s flows in these campaigns.',
  fields: (t) => ({
    campaignIds: t.idList({
      description: `Campaigns of the same workspace: 1 to ${LIMITS.listItems}, at most ${DEFINITION_LIMITS.removedCampaigns} over the whole flow.`,
      validate: listOf(z.string()),
    }),
  }),
});
const ListActionInput = builder.inputType('ListActionInput', {
  description: 'Add to List or Remove from List: the static list.',
  fields: (t) => ({ listId: t.id({ description: 'A static list of the same workspace (else NOT_FOUND).' }) }),
});
const ChangeProgramStatusInput = builder.inputType('ChangeProgramStatusInput', {
  description: 'Change Program Status: makes the lead a member of a program with a status.',
  fields: (t) => ({
    programId: t.id({ description: 'A program of the same workspace (else NOT_FOUND).' }),
    status: t.string({
      description: 'One of the program’s statuses, exactly as spelled there (else BAD_USER_INPUT).',
      validate: text(LIMITS.name),
    }),
  }),
});
const WaitInput = builder.inputType('WaitInput', {
  description: 'Wait: pauses the lead’s flow. Not in executable campaigns (WAIT_IN_EXECUTABLE).',
  fields: (t) => ({
    seconds: t.int({ description: `How long, in seconds: 1 to ${MAX_WAIT_SECONDS} (365 days).` }),
  }),
});
const InterestingMomentInput = builder.inputType('InterestingMomentInput', {
  description: 'Interesting Moment: records a moment on the lead.',
  fields: (t) => ({
    kind: t.string({
      description: `Its kind (e.g. Milestone), at most ${LIMITS.name} characters, not empty.`,
      validate: text(LIMITS.name),
    }),
    description: t.string({
      description: `Its text, may hold tokens, at most ${LIMITS.longText.toLocaleString('en')} characters.`,
      validate: text(LIMITS.longText),
    }),
  }),
});

const FlowActionInputRef = builder.inputType('FlowActionInput', {
  description: 'Exactly one action.',
  isOneOf: true,
  fields: (t) => ({
    changeScore: t.field({ type: ChangeScoreInput, required: false, description: 'Change Score.' }),
    changeDataValue: t.field({
      type: ChangeDataValueInput,
      required: false,
      description: 'Change Data Value.',
    }),
    executeCampaign: t.field({
      type: ExecuteCampaignInput,
      required: false,
      description: 'Execute Campaign.',
    }),
    requestCampaign: t.field({
      type: RequestCampaignInput,
      required: false,
      description: 'Request Campaign.',
    }),
    removeFromFlow: t.field({ type: RemoveFromFlowInput, required: false, description: 'Remove from Flow.' }),
    addToList: t.field({ type: ListActionInput, required: false, description: 'Add to List.' }),
    removeFromList: t.field({ type: ListActionInput, required: false, description: 'Remove from List.' }),
    changeProgramStatus: t.field({
      type: ChangeProgramStatusInput,
      required: false,
      description: 'Change Program Status.',
    }),
    wait: t.field({ type: WaitInput, required: false, description: 'Wait.' }),
    webhook: t.field({ type: WebhookInput, required: false, description: 'Call Webhook.' }),
    interestingMoment: t.field({
      type: InterestingMomentInput,
      required: false,
      description: 'Interesting Moment.',
    }),
  }),
});

const FlowChoiceInputRef = builder.inputType('FlowChoiceInput', {
  description:
    'A choice: when its condition holds for the lead, its action runs instead of the step’s default.',
  fields: (t) => ({
    when: t.field({ type: FilterInputRef, description: 'The condition, a smart-list filter.' }),
    action: t.field({ type: FlowActionInputRef, required: false, description: 'Absent: do nothing.' }),
  }),
});

export const FlowStepInputRef = builder.inputType('FlowStepInput', {
  description: `A flow step. A flow holds at most ${DEFINITION_LIMITS.flowSteps} steps and ${DEFINITION_LIMITS.flowChoices} choices in all (BAD_USER_INPUT beyond).`,
  fields: (t) => ({
    action: t.field({
      type: FlowActionInputRef,
      required: false,
      description: 'The default action, when no choice holds; absent: do nothing.',
    }),
    choices: t.field({
      type: [FlowChoiceInputRef],
      required: false,
      description: `Checked in order, the first that holds runs; at most ${DEFINITION_LIMITS.choicesPerStep} per step; absent: none.`,
    }),
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
