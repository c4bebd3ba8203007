import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { toDomainCampaign } from '../db/mappers.js';
import { type CampaignRecord, readCampaignRecords } from '../db/sql/workspace-assets.js';
import { PROBLEM_CODES, type SaveProblem } from '../domain/errors.js';
import { executedCampaignIds } from '../domain/execution-graph.js';
import {
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  type CampaignType,
  QUALIFICATION_KINDS,
  TIME_UNITS,
} from '../domain/model.js';
import { campaignProblems, campaignType as domainCampaignType } from '../domain/validation.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { builder } from './builder.js';
import { fromWorkspace, readCampaign, readWorkspace } from './campaign-graph-loader.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { databaseId } from './ids.js';
import { pageArgs } from './page-args.js';
import { idCursorPage, readLoaded } from './paging.js';
import { ProgramRef } from './program.js';
import { SmartListDefinitionRef } from './smart-list.js';
import { WorkspaceRef } from './tenancy.js';

/** The derived type: EXECUTABLE when created so, TRIGGER when the smart list has triggers, else BATCH. */
export function campaignType(campaign: CampaignRecord): CampaignType {
  return domainCampaignType(toDomainCampaign(campaign));
}

export const CampaignTypeEnum = builder.enumType('CampaignType', {
  description: 'How a campaign runs, derived from its definition (semantics E1 in docs/semantics.md).',
  values: describedValues(CAMPAIGN_TYPES, {
    BATCH: 'Runs when scheduled, for the leads its smart list selects.',
    TRIGGER: 'Runs for a lead when one of its triggers fires; must be ACTIVE.',
    EXECUTABLE: 'Runs only inside another campaign’s flow, through Execute Campaign.',
  }),
});

export const CampaignStatusEnum = builder.enumType('CampaignStatus', {
  description: 'Whether a trigger campaign listens for its triggers.',
  values: describedValues(CAMPAIGN_STATUSES, {
    INACTIVE: 'Not listening (every campaign starts so; batch and executable campaigns stay so).',
    ACTIVE: 'A trigger campaign that runs for a lead when one of its triggers fires (activateCampaign).',
  }),
});

export const QualificationKindEnum = builder.enumType('QualificationKind', {
  description: 'How often a lead may run through a campaign’s flow (semantics Q1 in docs/semantics.md).',
  values: describedValues(QUALIFICATION_KINDS, {
    ONCE: 'A lead runs through the flow at most once, ever (the default).',
    EVERY_TIME: 'Every time.',
    ONCE_EVERY: 'Not again until `every` `unit`s after the last time.',
  }),
});

export const TimeUnitEnum = builder.enumType('TimeUnit', {
  description: 'The unit of a ONCE_EVERY qualification rule.',
  values: describedValues(TIME_UNITS, {
    HOURS: 'Hours.',
    DAYS: '24 hours.',
    WEEKS: '7 days.',
    MONTHS: '30 days.',
  }),
});

/**
 * Campaigns by id, deleted ones included (of visible workspaces only): runs and activities keep
 * pointing at a campaign after it is deleted, and a key that may see its workspace may refetch it
 * by id, marked by its `deletedAt`. Listings and writes see live campaigns only. Those of the
 * workspace snapshots the request has read are answered from them, without a statement.
 */
export const campaignsIncludingDeleted = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, CampaignRecord | null>(async (ids) => {
      const read = ids.map((id) => readCampaign(context, id));
      const unread = ids.filter((_id, index) => !read[index]);
      const found = unread.length ? await readCampaignRecords(context.em, unread) : [];
      const visible = new Map(
        found
          .filter((campaign) => canSeeWorkspace(context.viewer, campaign.workspace.id))
          .map((c) => [c.id, c]),
      );
      return ids.map((id, index) => read[index] ?? visible.get(id) ?? null);
    }),
);

export const CampaignRef = builder.loadableNodeRef('Campaign', {
  id: { resolve: (campaign: CampaignRecord) => campaign.id },
  load: (ids: string[], context) =>
    campaignsIncludingDeleted(context).loadMany(ids) as Promise<CampaignRecord[]>,
});

// Loaded and primed records are as they were read: a later mutation of the same document reads again.
afterEachMutation((context) => {
  campaignsIncludingDeleted(context).clearAll();
  CampaignRef.getDataloader(context).clearAll();
});

/** Every live campaign of a workspace, oldest first, from the request's snapshot of it. */
function liveCampaigns(context: GraphQLContext, workspaceId: string) {
  return fromWorkspace(context, workspaceId, (snapshot) => snapshot.campaigns);
}

export const QualificationRuleRef = builder
  .objectRef<CampaignRecord['qualificationRule']>('QualificationRule')
  .implement({
    description: 'How often a lead may run through the campaign’s flow (applies to every kind of run).',
    fields: (t) => ({
      kind: t.field({ type: QualificationKindEnum, description: 'The rule.', resolve: (rule) => rule.kind }),
      every: t.int({
        nullable: true,
        description: 'ONCE_EVERY: how many units must pass since the lead’s last run; null for other kinds.',
        resolve: (rule) => rule.every ?? null,
      }),
      unit: t.field({
        type: TimeUnitEnum,
        nullable: true,
        description: 'ONCE_EVERY: the unit of every; null for other kinds.',
        resolve: (rule) => rule.unit ?? null,
      }),
    }),
  });

CampaignRef.implement({
  description: 'A smart campaign: a smart list (who), a flow (what) and a qualification rule (how often).',
  fields: (t) => ({
    name: t.exposeString('name', { description: '1 to 200 characters.' }),
    description: t.string({
      nullable: true,
      description: 'Free text for people, at most 2,000 characters; null when none was given.',
      resolve: (campaign) => campaign.description ?? null,
    }),
    workspace: t.field({
      type: WorkspaceRef,
      description: 'The workspace it belongs to.',
      resolve: (campaign) => campaign.workspace.id,
    }),
    program: t.field({
      type: ProgramRef,
      description: 'The program that holds it (its My Tokens apply to the campaign).',
      // From the snapshot when the request read it: no loader, no promise.
      resolve: (campaign, _args, context) =>
        readWorkspace(context, campaign.workspace.id)?.programsById.get(campaign.program.id) ??
        campaign.program.id,
    }),
    type: t.field({
      type: CampaignTypeEnum,
      description:
        'Derived: EXECUTABLE when created so, TRIGGER when its smart list has triggers, else BATCH.',
      resolve: campaignType,
    }),
    isExecutable: t.exposeBoolean('isExecutable', {
      description: 'Created with executable: true; it never changes (a clone may choose again).',
    }),
    deletedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the campaign was deleted; null while it is not. A deleted campaign stays reachable by its id (node, nodes, campaign) and through its runs and activities, for keys that may see its workspace; it is no longer listed, run or changed.',
      resolve: (campaign) => campaign.deletedAt ?? null,
    }),
    status: t.field({
      type: CampaignStatusEnum,
      description: 'Only trigger campaigns are ever ACTIVE.',
      resolve: (campaign) => campaign.status,
    }),
    smartList: t.field({
      type: SmartListDefinitionRef,
      description: 'Who qualifies: the campaign’s own filters and triggers.',
      resolve: (campaign) => ({ ...campaign.smartList, workspaceId: campaign.workspace.id }),
    }),
    qualificationRule: t.field({
      type: QualificationRuleRef,
      description: 'How often a lead may run through the flow; ONCE unless set.',
      resolve: (campaign) => campaign.qualificationRule,
    }),
    executes: t.field({
      type: [CampaignRef],
      description:
        'Live campaigns this one runs through Execute Campaign steps (its choices’ included), in step order, each once.',
      resolve: (campaign, _args, context) =>
        fromWorkspace(context, campaign.workspace.id, ({ campaignsById }) =>
          executedCampaignIds(campaign).flatMap((id) => campaignsById.get(id) ?? []),
        ),
    }),
    executedBy: t.field({
      type: [CampaignRef],
      description: 'Live campaigns of the workspace whose Execute Campaign steps run this one, oldest first.',
      resolve: (campaign, _args, context) =>
        fromWorkspace(context, campaign.workspace.id, ({ callers }) => callers.get(campaign.id) ?? []),
    }),
  }),
});

const ProblemCodeEnum = builder.enumType('ProblemCode', {
  description:
    'Why a save is refused, or why a campaign cannot run as defined. As an error, the same code is errors[].extensions.code.',
  values: describedValues(PROBLEM_CODES, {
    WAIT_IN_EXECUTABLE: 'An executable campaign has a Wait step (semantics E8 in docs/semantics.md).',
    WEBHOOK_IN_EXECUTABLE:
      'An executable campaign has a Call Webhook step (semantics E8 in docs/semantics.md).',
    WEBHOOK_TARGET_NOT_ALLOWED:
      'A Call Webhook step’s target is not covered by the operator’s allow-list (semantics F10 in docs/semantics.md).',
    TRIGGER_IN_EXECUTABLE:
      'An executable campaign’s smart list has a trigger (semantics E8 in docs/semantics.md).',
    EXECUTE_TARGET_NOT_EXECUTABLE:
      'An Execute Campaign step names a campaign that is not executable (semantics E7 in docs/semantics.md).',
    CROSS_WORKSPACE_EXECUTE:
      'An Execute Campaign step names a campaign of another workspace (semantics E7 in docs/semantics.md).',
    EXECUTION_DEPTH_EXCEEDED:
      'An Execute Campaign chain would be deeper than 3 (semantics E5 in docs/semantics.md).',
    EXECUTION_CYCLE:
      'An Execute Campaign chain would run a campaign inside itself (semantics E6 in docs/semantics.md).',
    INVALID_SMART_LIST:
      'A smart list or choice condition cannot be evaluated (e.g. an unknown field or a deleted smart list; semantics E4 in docs/semantics.md).',
    CLONE_WITH_TRIGGERS: 'A campaign with triggers cannot be cloned (semantics E10 in docs/semantics.md).',
    NOT_SCHEDULABLE: 'Only batch campaigns are scheduled, and executable ones are never activated.',
    NOT_REQUESTABLE:
      'The campaign is inactive or does not listen for Campaign is Requested (for a Request Campaign step: a problem, not an error).',
    INVALID_TOKEN: 'A My Token’s name or value does not fit its type (semantics T7 in docs/semantics.md).',
    UNDEFINED_TOKEN:
      'A step uses a My Token that no context defines: a problem of the campaign, never an error.',
  }),
});

export const CampaignProblemRef = builder.objectRef<SaveProblem>('CampaignProblem').implement({
  description: 'One reason a campaign cannot be saved or cannot run as defined.',
  fields: (t) => ({
    code: t.field({
      type: ProblemCodeEnum,
      description: 'What is wrong.',
      resolve: (problem) => problem.code,
    }),
    message: t.exposeString('message', { description: 'The same in words, for people; may change.' }),
    stepPosition: t.int({
      nullable: true,
      description: 'The 1-based position of the flow step that causes it; null when no one step does.',
      resolve: (problem) => problem.stepPosition,
    }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  problems: t.field({
    type: [CampaignProblemRef],
    description: 'Why the campaign cannot run as defined; empty when it can.',
    resolve: (campaign, _args, context) =>
      fromWorkspace(context, campaign.workspace.id, (snapshot) => {
        const allowed = context.allowedWebhookTargets;
        return snapshot.campaignsById.has(campaign.id)
          ? snapshot.problemsOf(campaign.id, allowed)
          : campaignProblems(toDomainCampaign(campaign), snapshot.graph, allowed);
      }),
  }),
}));

const CampaignConnection = builder.connectionObject(
  { type: CampaignRef, name: 'CampaignConnection', description: 'A page of campaigns, oldest first.' },
  { description: 'A campaign and its cursor.' },
);

builder.objectFields(WorkspaceRef, (t) => ({
  campaigns: t.field({
    type: CampaignConnection,
    description: 'The workspace’s live campaigns (not deleted ones), oldest first.',
    complexity: COST.page,
    args: {
      type: t.arg({
        type: CampaignTypeEnum,
        required: false,
        description: 'Only campaigns of this type; absent: all.',
      }),
      ...pageArgs,
    },
    resolve: (workspace, args, context) =>
      idCursorPage<CampaignRecord>(args, async (read) => {
        const live = await liveCampaigns(context, workspace.id);
        const { type } = args;
        return readLoaded(type ? live.filter((campaign) => campaignType(campaign) === type) : live, read);
      }),
  }),
}));

builder.objectFields(ProgramRef, (t) => ({
  campaigns: t.field({
    type: [CampaignRef],
    description: 'The program’s live campaigns (not deleted ones), oldest first.',
    resolve: (program, _args, context) =>
      fromWorkspace(context, program.workspace.id, ({ campaigns }) =>
        campaigns.filter((campaign) => campaign.program.id === program.id),
      ),
  }),
}));

builder.queryFields((t) => ({
  campaign: t.field({
    type: CampaignRef,
    nullable: true,
    description:
      'Null when it does not exist or belongs to a workspace the key may not see. A deleted campaign is returned, with its deletedAt set.',
    args: { id: t.arg.id({ description: 'The campaign’s global id.' }) },
    resolve: (_root, args) => databaseId(args.id, 'Campaign'),
  }),
}));
