import { applyResponseMappings } from './actions/webhook-response.js';
import type { Frame, RunState } from './flow-types.js';
import { compiledGraph } from './graph.js';
import { type LeadState, leadStateOf } from './lead-state.js';
import type {
  Activity,
  CampaignGraph,
  Effects,
  Lead,
  LeadHistory,
  Qualification,
  RunFlowInput,
  RunFlowResult,
} from './model.js';
import { ownValue } from './own.js';
import { ruleVerdict } from './qualification.js';
import { recordRun, runFrame } from './run-state.js';
import { explainSmartList } from './smart-list.js';
import { myTokenLayer, topContext, triggerLayer } from './tokens.js';
import { triggerOf } from './triggers.js';

function emptyEffects(): Effects {
  return {
    fieldChanges: {},
    scoreChanges: {},
    listAdds: [],
    listRemoves: [],
    programStatuses: {},
    history: [],
    requestedCampaignIds: [],
    removedFromFlowCampaignIds: [],
  };
}

function leadAfter(lead: LeadState, scoreFields: readonly string[]): Lead {
  const fields = { ...lead.fields };
  for (const name of scoreFields) fields[name] = ownValue(fields, name) ?? 0;
  return {
    id: lead.id,
    email: lead.email,
    fields,
    listIds: [...lead.lists],
    programMemberships: lead.memberships,
  };
}

/**
 * Runs a campaign's flow for one lead from `startStepIndex` (semantics R3: serially, Execute Campaign inlined
 * up to depth 3) and returns what happened: activities in order, effects to persist, the lead after the
 * flow, and where it suspended (Wait, Webhook) if it did. Resuming after a webhook, the call's response
 * mappings apply first (semantics F12). Pure and deterministic; never throws on user
 * content. The top campaign's qualification is the caller's (see `qualifyForCampaign`); its flow is
 * counted as a run (semantics Q1) when it starts at step 0.
 */
export function runFlow(input: RunFlowInput): RunFlowResult {
  const graph = compiledGraph(input.graph);
  const campaign = graph.campaign(input.campaignId);
  if (!campaign) throw new Error(`runFlow: campaign ${input.campaignId} is not in the graph`);
  const { run } = input;
  const fired = triggerOf(run, input.lead.id);
  const trigger = fired ? triggerLayer(fired) : null;
  const activities: Activity[] = [];
  const state: RunState = {
    graph,
    lead: leadStateOf(input.lead, activities),
    history: { ...input.history },
    now: input.now,
    activities,
    effects: emptyEffects(),
    steps: [],
    stack: [],
    stopped: false,
    suspend: null,
  };
  if (input.startStepIndex === 0) recordRun(state, campaign.source.id);
  const tokens = topContext(campaign.ownContext, myTokenLayer(run.tokens), trigger);
  const frame: Frame = { campaign, depth: 0, tokens };
  const mappingFailures = input.webhookResponse
    ? applyResponseMappings(state, frame, input.webhookResponse)
    : [];
  runFrame(state, frame, input.startStepIndex);
  return {
    activities: state.activities,
    effects: state.effects,
    leadAfter: leadAfter(state.lead, graph.scoreFields),
    suspend: state.suspend,
    removed: state.stopped,
    steps: state.steps,
    mappingFailures,
  };
}

/** What `qualifyForCampaign` needs. */
export interface QualifyInput {
  lead: Lead;
  graph: CampaignGraph;
  history: LeadHistory;
  campaignId: string;
  now: Date;
}

/**
 * Whether a lead may enter a campaign's flow now (semantics S4, Q1, Q2): its smart list (semantics E4: an
 * invalid one lets nobody in), then its qualification rule, with one explanation row per filter and the
 * rule's verdict.
 */
export function qualifyForCampaign(input: QualifyInput): Qualification {
  const graph = compiledGraph(input.graph);
  const campaign = graph.campaign(input.campaignId);
  if (!campaign) throw new Error(`qualifyForCampaign: campaign ${input.campaignId} is not in the graph`);
  const evaluation = explainSmartList(campaign.smartList, leadStateOf(input.lead));
  const { explanation, invalidReason } = evaluation;
  const history = ownValue(input.history, campaign.source.id);
  const rule = ruleVerdict(campaign.source.qualificationRule, history, input.now);
  const verdict = { invalidReason, explanation, rule };
  if (!evaluation.valid) return { qualified: false, reason: 'INVALID_SMART_LIST', ...verdict };
  if (!evaluation.passed) return { qualified: false, reason: 'NOT_IN_SMART_LIST', ...verdict };
  return { qualified: rule.allowed, reason: rule.allowed ? null : 'QUALIFICATION_RULE', ...verdict };
}
