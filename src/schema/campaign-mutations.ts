import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  activateCampaign,
  type CampaignFields,
  cloneCampaign,
  createCampaign,
  deactivateCampaign,
  deleteCampaign,
  updateCampaign,
  validateCampaignChanges,
  validateNewCampaign,
} from '../commands/campaigns.js';
import { idempotently } from '../commands/idempotency.js';
import { Campaign } from '../db/entities/campaign.entity.js';
import { Program } from '../db/entities/program.entity.js';
import { EMPTY_SMART_LIST } from '../db/entities/smart-list.entity.js';
import type { QualificationRule } from '../domain/model.js';
import { builder } from './builder.js';
import { CampaignProblemRef, CampaignRef, QualificationKindEnum, TimeUnitEnum } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { FlowStepInputRef, toStoredFlow } from './flow-input.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentRequest } from './idempotency.js';
import { requireInWorkspace, requireNode } from './loading.js';
import { SmartListInputRef, toStoredSmartList } from './smart-list-input.js';
import { objectName } from './tenancy.js';

const MAX_DESCRIPTION = 2000;
const MAX_ONCE_EVERY = 1000;

const QualificationRuleInputRef = builder.inputType('QualificationRuleInput', {
  description:
    'How often a lead may run through the flow. ONCE_EVERY without every or unit is BAD_USER_INPUT.',
  fields: (t) => ({
    kind: t.field({ type: QualificationKindEnum, description: 'The rule.' }),
    every: t.int({
      required: false,
      description: `ONCE_EVERY only: how many units, 1 to ${MAX_ONCE_EVERY}; ignored for other kinds.`,
    }),
    unit: t.field({
      type: TimeUnitEnum,
      required: false,
      description: 'ONCE_EVERY only: the unit of every; ignored for other kinds.',
    }),
  }),
});

const CreateCampaignInputRef = builder.inputType('CreateCampaignInput', {
  description: 'A new campaign: only programId and name are required.',
  fields: (t) => ({
    programId: t.id({ description: 'The program to create it in.' }),
    name: t.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }),
    description: t.string({
      required: false,
      description: `Free text for people, at most ${MAX_DESCRIPTION} characters; absent: none.`,
    }),
    executable: t.boolean({
      required: false,
      defaultValue: false,
      description: 'The Executable check box. An executable campaign is never scheduled or activated.',
    }),
    smartList: t.field({
      type: SmartListInputRef,
      required: false,
      description: 'Who qualifies; absent: rule ALL with no filters and no triggers.',
    }),
    flow: t.field({
      type: [FlowStepInputRef],
      required: false,
      description: 'The steps, in order; absent: none.',
    }),
    qualificationRule: t.field({
      type: QualificationRuleInputRef,
      required: false,
      description: 'How often a lead may run through the flow; absent: ONCE.',
    }),
  }),
});

const UpdateCampaignInputRef = builder.inputType('UpdateCampaignInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    name: t.string({
      required: false,
      description: 'A new name (trimmed; 1 to 200 characters); absent: unchanged.',
      validate: objectName,
    }),
    description: t.string({
      required: false,
      description: `New free text, at most ${MAX_DESCRIPTION} characters; null clears it; absent: unchanged.`,
    }),
    smartList: t.field({
      type: SmartListInputRef,
      required: false,
      description: 'Replaces the whole smart list; absent: unchanged.',
    }),
    flow: t.field({
      type: [FlowStepInputRef],
      required: false,
      description: 'Replaces the whole flow; absent: unchanged.',
    }),
    qualificationRule: t.field({
      type: QualificationRuleInputRef,
      required: false,
      description: 'Replaces the rule; absent: unchanged.',
    }),
  }),
});

type QualificationRuleInput = typeof QualificationRuleInputRef.$inferInput;

function toStoredRule(input: QualificationRuleInput | null | undefined): QualificationRule {
  if (input?.kind !== 'ONCE_EVERY') return { kind: input?.kind ?? 'ONCE' };
  if (!input.every || input.every < 1 || input.every > MAX_ONCE_EVERY || !input.unit) {
    throw userError('BAD_USER_INPUT', `ONCE_EVERY needs every (1 to ${MAX_ONCE_EVERY}) and a unit`);
  }
  return { kind: 'ONCE_EVERY', every: input.every, unit: input.unit };
}

function checkedDescription(description: string | null | undefined): string | null {
  if (description && description.length > MAX_DESCRIPTION) {
    throw userError('BAD_USER_INPUT', `description must be at most ${MAX_DESCRIPTION} characters`);
  }
  return description ?? null;
}

async function requireCampaign(context: GraphQLContext, globalId: string): Promise<Campaign> {
  return requireNode(context, Campaign, 'Campaign', globalId);
}

type CreateCampaignInput = typeof CreateCampaignInputRef.$inferInput;
type UpdateCampaignInput = typeof UpdateCampaignInputRef.$inferInput;

/** The fields of a new campaign of the program, as the create input gives them. */
async function newCampaignFields(
  context: GraphQLContext,
  program: Program,
  input: CreateCampaignInput,
): Promise<CampaignFields> {
  const workspaceId = program.workspace.id;
  return {
    name: input.name,
    description: checkedDescription(input.description),
    isExecutable: input.executable ?? false,
    smartList: input.smartList
      ? await toStoredSmartList(context, workspaceId, input.smartList)
      : EMPTY_SMART_LIST,
    flow: input.flow ? await toStoredFlow(context, workspaceId, input.flow) : [],
    qualificationRule: toStoredRule(input.qualificationRule),
  };
}

/** The changes the update input makes to the campaign: only the fields given. */
async function campaignChanges(
  context: GraphQLContext,
  campaign: Campaign,
  input: UpdateCampaignInput,
): Promise<Partial<Omit<CampaignFields, 'isExecutable'>>> {
  const workspaceId = campaign.workspace.id;
  return {
    ...(input.name && { name: input.name }),
    ...(input.description !== undefined && { description: checkedDescription(input.description) }),
    ...(input.smartList && {
      smartList: await toStoredSmartList(context, workspaceId, input.smartList),
    }),
    ...(input.flow && { flow: await toStoredFlow(context, workspaceId, input.flow, campaign.flow) }),
    ...(input.qualificationRule && { qualificationRule: toStoredRule(input.qualificationRule) }),
  };
}

builder.queryFields((t) => ({
  validateCampaign: t.field({
    type: [CampaignProblemRef],
    description:
      'Checks a campaign before createCampaign: every problem the save would be refused for, then what the saved campaign would report in Campaign.problems; empty when it can be saved and run. Writes nothing; refuses what createCampaign refuses (an unknown program, input that does not fit).',
    args: {
      input: t.arg({ type: CreateCampaignInputRef, description: 'The input createCampaign would get.' }),
    },
    resolve: async (_root, { input }, context) => {
      const program = await requireNode(context, Program, 'Program', input.programId);
      return validateNewCampaign(context, program, await newCampaignFields(context, program, input));
    },
  }),
  validateCampaignUpdate: t.field({
    type: [CampaignProblemRef],
    description:
      'Checks an update before updateCampaign: every problem the save would be refused for, then what the changed campaign would report in Campaign.problems; empty when it can be saved and run. Writes nothing; refuses what updateCampaign refuses.',
    args: {
      id: t.arg.id({ description: 'The campaign updateCampaign would change.' }),
      input: t.arg({ type: UpdateCampaignInputRef, description: 'The input updateCampaign would get.' }),
    },
    resolve: async (_root, { id, input }, context) => {
      const campaign = await requireCampaign(context, id);
      return validateCampaignChanges(context, campaign, await campaignChanges(context, campaign, input));
    },
  }),
}));

builder.mutationFields((t) => ({
  createCampaign: t.field({
    type: CampaignRef,
    description:
      'Saves a new campaign, INACTIVE. Refused (nothing written) with the first problem’s code and every problem in extensions.problems; validateCampaign checks the same input first.',
    args: {
      input: t.arg({ type: CreateCampaignInputRef, description: 'The campaign’s definition.' }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context, info) => {
      const request = idempotentRequest(context, info, args);
      const program = await requireNode(context, Program, 'Program', args.input.programId);
      const fields = await newCampaignFields(context, program, args.input);
      return idempotently(context, request, {
        run: (ctx) => createCampaign(ctx, program, fields),
        keep: (campaign) => campaign.id,
        replay: (campaignId) => context.em.findOneOrFail(Campaign, campaignId as string),
      });
    },
  }),
  updateCampaign: t.field({
    type: CampaignRef,
    description:
      'Changes the fields given. Refused like createCampaign (codes and extensions.problems); validateCampaignUpdate checks first. A deleted campaign is NOT_FOUND.',
    args: {
      id: t.arg.id({ description: 'The campaign’s global id.' }),
      input: t.arg({ type: UpdateCampaignInputRef, description: 'The changes.' }),
    },
    resolve: async (_root, { id, input }, context) => {
      const campaign = await requireCampaign(context, id);
      return updateCampaign(context, campaign, await campaignChanges(context, campaign, input));
    },
  }),
  cloneCampaign: t.field({
    type: CampaignRef,
    description: 'The clone is executable only when executable is true, whatever the source was.',
    args: {
      id: t.arg.id({ description: 'The campaign to copy (its smart list, flow and rule).' }),
      name: t.arg.string({
        description: 'The clone’s name; trimmed, 1 to 200 characters.',
        validate: objectName,
      }),
      programId: t.arg.id({
        required: false,
        description: 'The program of the same workspace to put the clone in; absent: the source’s.',
      }),
      executable: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: 'Whether the clone is executable (the box is checked again on every clone).',
      }),
    },
    resolve: async (_root, args, context) => {
      const source = await requireCampaign(context, args.id);
      const programOf = async () =>
        args.programId
          ? requireInWorkspace(
              context,
              Program,
              { typename: 'Program', globalId: args.programId, workspaceId: source.workspace.id },
              (message) => userError('NOT_FOUND', message),
            )
          : source.program;
      return cloneCampaign(context, source, {
        name: args.name,
        executable: args.executable ?? false,
        programOf,
      });
    },
  }),
  deleteCampaign: t.id({
    description:
      'Marks the campaign deleted (it stays readable by id, with deletedAt) and returns its id. Refused with BAD_USER_INPUT while another campaign’s flow names it.',
    args: { id: t.arg.id({ description: 'The campaign’s global id.' }) },
    resolve: async (_root, args, context) => {
      const campaign = await requireCampaign(context, args.id);
      await deleteCampaign(
        context,
        campaign,
        (user) => `${user.name} (${encodeGlobalID('Campaign', user.id)})`,
      );
      return args.id;
    },
  }),
  activateCampaign: t.field({
    type: CampaignRef,
    description:
      'Makes a trigger campaign ACTIVE: its triggers start runs from now on. An executable campaign is NOT_SCHEDULABLE, a batch one BAD_USER_INPUT.',
    args: { id: t.arg.id({ description: 'The campaign’s global id.' }) },
    resolve: async (_root, args, context) => {
      return activateCampaign(context, await requireCampaign(context, args.id));
    },
  }),
  deactivateCampaign: t.field({
    type: CampaignRef,
    description: 'Makes the campaign INACTIVE: its triggers start no more runs; runs already started go on.',
    args: { id: t.arg.id({ description: 'The campaign’s global id.' }) },
    resolve: async (_root, args, context) => {
      return deactivateCampaign(context, await requireCampaign(context, args.id));
    },
  }),
}));
