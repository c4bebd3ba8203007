import { Campaign } from '../db/entities/campaign.entity.js';
import { Lead } from '../db/entities/lead.entity.js';
import { loadCampaignGraph } from '../db/mappers.js';
import { type LeadState, leadStates } from '../db/sql/lead-states.js';
import { qualifyForCampaign, runFlow } from '../domain/executor.js';
import type { Activity, FilterEvaluation, RuleVerdict } from '../domain/model.js';
import { qualificationReasons } from '../domain/qualification.js';
import { everything } from '../domain/state-needs.js';
import { requireTokens } from '../domain/tokens.js';
import { ActivityTypeEnum, FlowActivityRef, presentAttributes } from './activity.js';
import { builder } from './builder.js';
import { CampaignRef, QualificationRuleRef } from './campaign.js';
import { userError } from './errors.js';
import { presentedFields, workspaceFields } from './lead.js';
import { requireNode } from './loading.js';
import { TokenInputRef } from './token.js';

interface SimulationView {
  qualified: boolean;
  explanation: FilterEvaluation[];
  rule: RuleVerdict;
  reasons: string[];
  activities: Activity[];
  leadAfter: Record<string, unknown>;
}

const FilterEvaluationRef = builder.objectRef<FilterEvaluation>('FilterEvaluation').implement({
  description: 'Why the lead passed or failed one smart-list filter.',
  fields: (t) => ({
    position: t.exposeInt('position', {
      description: 'The filter’s 1-based position (SmartListFilter.position).',
    }),
    passed: t.exposeBoolean('passed', { description: 'Whether the lead passed it.' }),
    detail: t.exposeString('detail', { description: 'Why, in words for people (may change).' }),
  }),
});

const RuleVerdictRef = builder.objectRef<RuleVerdict>('QualificationRuleVerdict').implement({
  description:
    'What the campaign’s qualification rule says about the lead now (semantics Q1, Q3 in docs/semantics.md).',
  fields: (t) => ({
    rule: t.field({
      type: QualificationRuleRef,
      description: 'The campaign’s rule.',
      resolve: (verdict) => verdict.rule,
    }),
    allowed: t.exposeBoolean('allowed', {
      description: 'Whether the rule lets the lead through the flow now.',
    }),
    lastRunAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the lead last ran through the campaign’s flow; null when it never did.',
      resolve: (verdict) => verdict.lastRunAt,
    }),
    nextEligibleAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'ONCE_EVERY: when the rule lets the lead in again (the last run plus the period; in the past once that time has come). Null when the lead never ran through, for EVERY_TIME, and for ONCE after a run: never again.',
      resolve: (verdict) => verdict.nextEligibleAt,
    }),
  }),
});

const SimulatedActivityRef = builder.objectRef<Activity>('SimulatedActivity').implement({
  description:
    'An activity a real run would write. Its FlowActivity fields read as a stored activity’s do (semantics A6 in docs/semantics.md).',
  interfaces: [FlowActivityRef],
  fields: (t) => ({
    type: t.field({
      type: ActivityTypeEnum,
      description: 'What would happen.',
      resolve: (activity) => activity.type,
    }),
    campaign: t.field({
      type: CampaignRef,
      nullable: true,
      description: 'The campaign whose flow ran the step.',
      resolve: (activity) => activity.campaignId,
    }),
    depth: t.int({
      description:
        "The depth of the campaign the row is about (semantics E5 in docs/semantics.md): for Execute Campaign rows the executed campaign's (1 to 3, as ExecuteCampaignActivity.depth); for other rows the campaign whose flow ran the step (0 for the simulated campaign's own steps, 1 to 3 inside executed children).",
      resolve: (activity) =>
        activity.type === 'EXECUTE_CAMPAIGN' ? Number(activity.attributes.depth) : activity.depth,
    }),
    qualified: t.boolean({
      nullable: true,
      description: 'Execute Campaign rows only.',
      resolve: (activity) =>
        activity.type === 'EXECUTE_CAMPAIGN' ? activity.attributes.qualified === true : null,
    }),
    primaryAttributeValue: t.string({
      nullable: true,
      description: 'What the activity is about, in one value, as a stored activity’s (FlowActivity).',
      resolve: (activity) => activity.primaryAttributeValue,
    }),
    attributes: t.field({
      type: 'JSON',
      description: 'The type’s details as a stored activity’s (FlowActivity); ids in it are global ids.',
      resolve: (activity) => presentAttributes(activity.attributes),
    }),
  }),
});

const SimulationRef = builder.objectRef<SimulationView>('Simulation').implement({
  description: 'What would happen if the lead went through the campaign now. Nothing is written.',
  fields: (t) => ({
    qualified: t.exposeBoolean('qualified', {
      description: 'Whether the lead passes the smart list and the qualification rule.',
    }),
    explanation: t.field({
      type: [FilterEvaluationRef],
      description: 'One row per smart-list filter: why the lead passed or failed it.',
      resolve: (simulation) => simulation.explanation,
    }),
    qualificationRule: t.field({
      type: RuleVerdictRef,
      description: 'The qualification rule’s verdict, whether or not the lead passes the smart list.',
      resolve: (simulation) => simulation.rule,
    }),
    reasons: t.stringList({
      description:
        'Why the lead does not qualify, one sentence per cause (an invalid smart list, each failed filter, the qualification rule); empty when it qualifies.',
      resolve: (simulation) => simulation.reasons,
    }),
    activities: t.field({
      type: [SimulatedActivityRef],
      description: 'What a real run would write, in order, nested executions included.',
      resolve: (simulation) => simulation.activities,
    }),
    leadAfter: t.field({
      type: 'JSON',
      description:
        'The lead’s fields after the flow, as Lead.fields would show them (score fields included).',
      resolve: (simulation) => simulation.leadAfter,
    }),
  }),
});

builder.queryFields((t) => ({
  simulateCampaign: t.field({
    type: SimulationRef,
    description: 'Dry run: what would happen if this lead went through this campaign now. Writes nothing.',
    args: {
      campaignId: t.arg.id({ description: 'The campaign, of any type.' }),
      leadId: t.arg.id({ description: 'A lead of the campaign’s workspace (else NOT_FOUND).' }),
      tokens: t.arg({
        type: [TokenInputRef],
        required: false,
        description: 'My Token values for this dry run only, as scheduleCampaign takes them; at most 100.',
      }),
    },
    resolve: async (_root, args, context) => {
      const campaign = await requireNode(context, Campaign, 'Campaign', args.campaignId);
      const lead = await requireNode(context, Lead, 'Lead', args.leadId);
      if (lead.workspace.id !== campaign.workspace.id) {
        throw userError('NOT_FOUND', `No Lead with id ${args.leadId} in the campaign's workspace`);
      }
      const runTokens = Object.fromEntries(
        requireTokens(args.tokens ?? []).map((token) => [token.name, token.value]),
      );
      const workspaceId = campaign.workspace.id;
      const now = new Date();
      const [graph, fields] = await Promise.all([
        loadCampaignGraph(context.em, workspaceId),
        workspaceFields(context).load(workspaceId),
      ]);
      const needs = everything(graph, campaign.id);
      const [state] = await leadStates(context.em, [lead.id], needs, { lock: false, now });
      const { lead: domainLead, history } = state as LeadState;
      const input = { lead: domainLead, graph, history, campaignId: campaign.id, now };
      const qualification = qualifyForCampaign(input);
      const result = qualification.qualified
        ? runFlow({
            ...input,
            run: { id: 'simulation', kind: 'BATCH', tokens: runTokens, trigger: null },
            startStepIndex: 0,
          })
        : null;
      const after = result?.leadAfter ?? domainLead;
      return {
        qualified: qualification.qualified,
        explanation: qualification.explanation,
        rule: qualification.rule,
        reasons: qualificationReasons(qualification),
        activities: result?.activities ?? [],
        leadAfter: presentedFields(after.email, after.fields, fields),
      };
    },
  }),
}));
