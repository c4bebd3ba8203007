import { encodeGlobalID } from '@pothos/plugin-relay';
import { idempotently } from '../commands/idempotency.js';
import {
  cancelRun,
  MAX_REMOVED_LEADS,
  MAX_REQUESTED_LEADS,
  removeFromFlow,
  requestCampaign,
  scheduleCampaign,
} from '../commands/runs.js';
import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import type { CampaignRecord } from '../db/sql/workspace-assets.js';
import { RUN_KINDS, RUN_STATUSES } from '../domain/model.js';
import { builder } from './builder.js';
import { CampaignRef, campaignsIncludingDeleted } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentRequest } from './idempotency.js';
import { databaseId } from './ids.js';
import { loadVisible, objectsInHand, requireNode } from './loading.js';
import { pageArgs } from './page-args.js';
import { idCursorPage, idWithin } from './paging.js';
import { RecurrenceInputRef, toRecurrenceRequest } from './schedule.js';
import { runTokens, TokenInputRef, TokenRef } from './token.js';

const RunKindEnum = builder.enumType('RunKind', {
  description: 'What started a run.',
  values: describedValues(RUN_KINDS, {
    BATCH: 'scheduleCampaign: the leads the smart list selects when the run starts.',
    REQUESTED: 'requestCampaign: up to 100 leads named by the API.',
    TRIGGERED: 'A trigger fired, or a Request Campaign step handed the lead over.',
  }),
});

const RunStatusEnum = builder.enumType('RunStatus', {
  description:
    'Where a run is. COMPLETED, FAILED and CANCELLED are final, except that a COMPLETED run whose resumed Wait or webhook gives up becomes FAILED (docs/runs.md).',
  values: describedValues(RUN_STATUSES, {
    SCHEDULED: 'A batch run waiting for its scheduledFor time.',
    QUEUED: 'Waiting for a worker to start it.',
    RUNNING: 'Its audience is fixed and its leads are being processed.',
    COMPLETED: 'Every lead of its audience was processed (waiting leads resume later).',
    FAILED: 'A job gave up; error says which and why.',
    CANCELLED: 'cancelCampaignRun stopped it; what was done stays.',
  }),
});

export const CampaignRunRef = builder.loadableNodeRef('CampaignRun', {
  id: { resolve: (run: CampaignRun) => run.id },
  load: (ids: string[], context) => loadVisible(context, CampaignRun, ids) as Promise<CampaignRun[]>,
});

/** The runs of a page's rows, read ahead for them all (see `objectsInHand`). */
export const runsInHand = objectsInHand<CampaignRun>((context) => CampaignRunRef.getDataloader(context));

CampaignRunRef.implement({
  description: 'One execution of a campaign, with its token overrides, status and progress counters.',
  fields: (t) => ({
    campaign: t.field({
      type: CampaignRef,
      description: 'The campaign this run executes, even if it was deleted since (see its deletedAt).',
      resolve: async (run, _args, context) =>
        (await campaignsIncludingDeleted(context).load(run.campaign.id)) as CampaignRecord,
    }),
    kind: t.field({ type: RunKindEnum, description: 'What started it.', resolve: (run) => run.kind }),
    status: t.field({ type: RunStatusEnum, description: 'Where it is.', resolve: (run) => run.status }),
    scheduledFor: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When it is to start: runAt for a batch run scheduled ahead, otherwise when it was created.',
      resolve: (run) => run.scheduledFor ?? null,
    }),
    startedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a worker started it; null before.',
      resolve: (run) => run.startedAt ?? null,
    }),
    finishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it reached COMPLETED, FAILED or CANCELLED; null before.',
      resolve: (run) => run.finishedAt ?? null,
    }),
    leadsTotal: t.int({
      nullable: true,
      description: 'Known once the audience is: null while a batch run has not started.',
      resolve: (run) => run.leadsTotal ?? null,
    }),
    leadsMatched: t.int({
      nullable: true,
      description:
        'Leads the smart list matched when the run started (of the workspace for a batch run, of the leads handed to it otherwise); null until then.',
      resolve: (run) => run.leadsMatched ?? null,
    }),
    leadsExcludedByRule: t.int({
      nullable: true,
      description:
        'Of the leads the smart list matched, those the qualification rule kept out (e.g. ONCE for a lead that already ran through); leadsTotal = leadsMatched - leadsExcludedByRule. Null until the run started.',
      resolve: (run) => run.leadsExcludedByRule ?? null,
    }),
    leadsProcessed: t.exposeInt('leadsProcessed', {
      description: 'Leads of the audience whose flow has run (up to a Wait or webhook); 0 before it starts.',
    }),
    leadsQualified: t.exposeInt('leadsQualified', {
      description: 'The same number as leadsProcessed.',
      deprecationReason:
        'Always equal to leadsProcessed: a run fixes its audience of qualified leads when it starts, so every lead it processes qualified. Use leadsProcessed.',
    }),
    error: t.string({
      nullable: true,
      description: 'FAILED runs: which job gave up and the failure’s kind (never values); null otherwise.',
      resolve: (run) => run.error ?? null,
    }),
  }),
});

builder.objectFields(CampaignRunRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'The My Tokens passed for this run only; they override the stored values.',
    complexity: COST.tokens,
    resolve: (run) => runTokens(run),
  }),
}));

const CampaignRunConnection = builder.connectionObject(
  { type: CampaignRunRef, name: 'CampaignRunConnection', description: 'A page of runs, oldest first.' },
  { description: 'A run and its cursor.' },
);

builder.objectFields(CampaignRef, (t) => ({
  runs: t.field({
    type: CampaignRunConnection,
    description: 'The campaign’s runs of every kind and status, oldest first.',
    complexity: COST.page,
    args: pageArgs,
    resolve: (campaign, args, context) =>
      idCursorPage<CampaignRun>(args, (read) =>
        context.em.find(
          CampaignRun,
          { campaign: campaign.id, ...idWithin(read) },
          { orderBy: { id: read.order }, limit: read.limit },
        ),
      ),
  }),
}));

builder.queryFields((t) => ({
  campaignRun: t.field({
    type: CampaignRunRef,
    nullable: true,
    description: 'Null when it does not exist or belongs to a workspace the key may not see.',
    args: { id: t.arg.id({ description: 'The run’s global id.' }) },
    resolve: (_root, args) => databaseId(args.id, 'CampaignRun'),
  }),
}));

/** The run of a global id, if the viewer may see it; NOT_FOUND otherwise. */
export async function requireRun(context: GraphQLContext, globalId: string): Promise<CampaignRun> {
  return requireNode(context, CampaignRun, 'CampaignRun', globalId);
}

/** A run kept for retries by its id, and read again for them as it is now. */
function runKept(context: GraphQLContext) {
  return {
    keep: (run: CampaignRun) => run.id,
    replay: (runId: unknown) => context.em.findOneOrFail(CampaignRun, runId as string),
  };
}

builder.mutationFields((t) => ({
  scheduleCampaign: t.field({
    type: CampaignRunRef,
    description:
      'Runs a batch campaign now (runAt null) or later, at most two years ahead. Tokens override My Tokens for this run only. Returns at once; the run goes on in the background.',
    args: {
      campaignId: t.arg.id({ description: 'A batch campaign (another type is NOT_SCHEDULABLE).' }),
      runAt: t.arg({
        type: 'DateTime',
        required: false,
        description:
          'When to run; absent, null or past: now. At most two years ahead (BAD_USER_INPUT beyond).',
      }),
      tokens: t.arg({
        type: [TokenInputRef],
        required: false,
        description: 'My Token values for this run only, at most 100; absent: none.',
      }),
      recurrence: t.arg({
        type: RecurrenceInputRef,
        required: false,
        description:
          'Repeats the run (semantics R6 in docs/semantics.md): runAt (or now) is the first occurrence, and the run returned is its run; the tokens apply to every occurrence. Replaces the campaign’s recurrence, if it has one, and cancels that one’s first run while it has not started. None: one run.',
      }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context, info) => {
      const request = idempotentRequest(context, info, args);
      const campaign = await requireNode(context, Campaign, 'Campaign', args.campaignId);
      return idempotently(context, request, {
        run: (ctx) =>
          scheduleCampaign(ctx, campaign, {
            runAt: args.runAt ?? null,
            tokens: args.tokens ?? [],
            recurrence: args.recurrence ? toRecurrenceRequest(args.recurrence) : null,
          }),
        ...runKept(context),
      });
    },
  }),
  requestCampaign: t.field({
    type: CampaignRunRef,
    description: `Runs an active trigger campaign that listens for Campaign is Requested (source API, or any) for up to ${MAX_REQUESTED_LEADS} leads of its workspace. Tokens override My Tokens for this run only.`,
    args: {
      campaignId: t.arg.id({ description: 'The trigger campaign (else NOT_REQUESTABLE).' }),
      leadIds: t.arg.idList({
        description: `1 to ${MAX_REQUESTED_LEADS} leads of the campaign’s workspace (BAD_USER_INPUT otherwise).`,
      }),
      tokens: t.arg({
        type: [TokenInputRef],
        required: false,
        description: 'My Token values for this run only, at most 100; absent: none.',
      }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context, info) => {
      const request = idempotentRequest(context, info, args);
      const campaign = await requireNode(context, Campaign, 'Campaign', args.campaignId);
      return idempotently(context, request, {
        run: (ctx) =>
          requestCampaign(
            ctx,
            campaign,
            { leadIds: args.leadIds.map((id) => databaseId(id, 'Lead')), tokens: args.tokens ?? [] },
            (leadId) => encodeGlobalID('Lead', leadId),
          ),
        ...runKept(context),
      });
    },
  }),
  removeFromFlow: t.int({
    description:
      'Takes the leads out of the campaign’s flow (and, for an executable campaign, its callers’ flows): their pending waits there are cancelled (semantics F6, E9 in docs/semantics.md). Returns how many leads were taken out.',
    args: {
      campaignId: t.arg.id({ description: 'The campaign whose flow the leads leave.' }),
      leadIds: t.arg.idList({ description: `1 to ${MAX_REMOVED_LEADS} leads (BAD_USER_INPUT otherwise).` }),
    },
    resolve: async (_root, args, context) => {
      const campaign = await requireNode(context, Campaign, 'Campaign', args.campaignId);
      return removeFromFlow(
        context,
        campaign,
        args.leadIds.map((id) => databaseId(id, 'Lead')),
      );
    },
  }),
  cancelCampaignRun: t.field({
    type: CampaignRunRef,
    description:
      'Stops the leads not yet processed; what was done stays. A finished run cannot be cancelled (BAD_USER_INPUT).',
    args: { id: t.arg.id({ description: 'The run’s global id.' }) },
    resolve: async (_root, args, context) => cancelRun(context, await requireRun(context, args.id)),
  }),
}));
