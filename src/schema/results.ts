import { campaignResultCounts, runResultCounts } from '../db/sql/run-results.js';
import type { CampaignRecord } from '../db/sql/workspace-assets.js';
import { type CampaignResults, campaignResults, type StepResult } from '../domain/run-results.js';
import { ActivityTypeEnum } from './activity.js';
import { builder } from './builder.js';
import { CampaignRef, campaignsIncludingDeleted } from './campaign.js';
import { COST } from './cost.js';
import { CampaignRunRef } from './run.js';

const ReasonCountRef = builder.objectRef<{ reason: string; count: number }>('ReasonCount').implement({
  description: 'Leads an Execute Campaign step let through with Qualified FALSE for one reason.',
  fields: (t) => ({
    reason: t.exposeString('reason', {
      description:
        'NOT_IN_SMART_LIST, QUALIFICATION_RULE, INVALID_SMART_LIST, DEPTH_LIMIT or NOT_EXECUTABLE (semantics E3 in docs/semantics.md).',
    }),
    count: t.exposeInt('count', { description: 'Leads, at least 1.' }),
  }),
});

const StepBranchCountRef = builder
  .objectRef<{ choice: number | null; count: number }>('StepBranchCount')
  .implement({
    description:
      'Leads for whom one branch of a step ran: a choice whose condition held, or the default action.',
    fields: (t) => ({
      choice: t.int({
        nullable: true,
        description: 'The 1-based choice of the step whose action ran; null for the step’s default action.',
        resolve: (branch) => branch.choice,
      }),
      count: t.exposeInt('count', { description: 'Leads, at least 1.' }),
    }),
  });

const StepResultRef = builder.objectRef<StepResult>('StepResult').implement({
  description: 'What one flow step did (semantics A4 in docs/semantics.md).',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based, as in the campaign’s flow.' }),
    reached: t.exposeInt('reached', {
      description:
        'Leads whose flow came to this step, whichever branch ran (one with no action included); not those a Remove from Flow stopped, or that wait or call a webhook in an earlier step.',
    }),
    branches: t.field({
      type: [StepBranchCountRef],
      complexity: COST.choices,
      description: 'Which action ran, by branch: the default action first, then choices by number.',
      resolve: (step) => step.branches,
    }),
    executeQualified: t.int({
      nullable: true,
      description:
        'Execute Campaign with Qualified TRUE; null unless the step executes a campaign (default action or choice) or did.',
      resolve: (step) => step.executeQualified,
    }),
    executeNotQualified: t.int({
      nullable: true,
      description: 'Execute Campaign with Qualified FALSE; null as executeQualified.',
      resolve: (step) => step.executeNotQualified,
    }),
    notQualifiedByReason: t.field({
      type: [ReasonCountRef],
      nullable: true,
      description: 'executeNotQualified by reason, in reason order; null as executeQualified.',
      resolve: (step) => step.notQualifiedByReason,
    }),
  }),
});

const ActivityTypeCountRef = builder
  .objectRef<{ type: CampaignResults['activitiesByType'][number]['type']; count: number }>(
    'ActivityTypeCount',
  )
  .implement({
    description: 'Activities of one type.',
    fields: (t) => ({
      type: t.field({
        type: ActivityTypeEnum,
        description: 'The activities’ type.',
        resolve: (row) => row.type,
      }),
      count: t.exposeInt('count', { description: 'Activities, at least 1.' }),
    }),
  });

const CampaignResultsRef = builder.objectRef<CampaignResults>('CampaignResults').implement({
  description:
    'What a campaign’s flow did, counted as its activities were written: exact, and read from counters (semantics A4 in docs/semantics.md).',
  fields: (t) => ({
    steps: t.field({
      type: [StepResultRef],
      complexity: COST.flowSteps,
      description:
        'One per step of the campaign’s flow as it is now, in order, and per later position that counted leads (a flow shortened since).',
      resolve: (results) => results.steps,
    }),
    activitiesByType: t.field({
      type: [ActivityTypeCountRef],
      description: 'Activities by type, in the ActivityType enum’s order; types with none are left out.',
      resolve: (results) => results.activitiesByType,
    }),
  }),
});

builder.objectFields(CampaignRunRef, (t) => ({
  results: t.field({
    type: CampaignResultsRef,
    description:
      'What this run did so far: its campaign’s steps, and every activity it wrote (executed children’s and Campaign is Requested included). A run’s waiting leads add to it when they resume.',
    resolve: async (run, _args, context) => {
      const campaign = (await campaignsIncludingDeleted(context).load(run.campaign.id)) as CampaignRecord;
      const counts = await runResultCounts(context.em, run.id);
      const own = counts.filter((count) => count.campaignId === campaign.id);
      return campaignResults(campaign.flow, own, counts);
    },
  }),
}));

builder.objectFields(CampaignRef, (t) => ({
  results: t.field({
    type: CampaignResultsRef,
    description:
      'What this campaign’s flow did in the runs that started in [since, until): its own runs (batch, requested, triggered) and, for an executable campaign, the runs that executed it. Activities are those its own steps wrote. One aggregate over those runs’ counters, priced like a connection’s page read (see the Query type).',
    complexity: COST.campaignResults,
    args: {
      since: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Runs that started at or after this instant; null: from the first.',
      }),
      until: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Runs that started before this instant; null: to now.',
      }),
    },
    resolve: async (campaign, args, context) => {
      const window = { since: args.since ?? null, until: args.until ?? null };
      const counts = await campaignResultCounts(context.em, campaign.id, window);
      return campaignResults(campaign.flow, counts, counts);
    },
  }),
}));
