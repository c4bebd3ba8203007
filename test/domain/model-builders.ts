import { runFlow } from '../../src/domain/executor.js';
import type {
  Campaign,
  CampaignGraph,
  FieldType,
  Filter,
  FlowAction,
  FlowChoice,
  FlowStep,
  Folder,
  Lead,
  LeadHistory,
  Program,
  Run,
  RunFlowResult,
  SmartListAsset,
  SmartListDefinition,
} from '../../src/domain/model.js';

/** The run clock of every test. */
export const NOW = new Date('2024-06-01T12:00:00.000Z');

/** A lead with a score of 0 and no lists or memberships unless given. */
export function makeLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'lead-1',
    email: 'ada@example.com',
    fields: {},
    listIds: [],
    programMemberships: {},
    ...overrides,
  };
}

/** A smart list with these filters (ALL unless told). */
export function smartList(
  filters: Filter[] = [],
  overrides: Partial<SmartListDefinition> = {},
): SmartListDefinition {
  return { rule: 'ALL', filters, triggers: [], ...overrides };
}

/** A step with a default action and optional choices. */
export function step(action: FlowAction | null, choices: FlowChoice[] = []): FlowStep {
  return { action, choices };
}

/** A batch campaign of program p1 in workspace w1 that qualifies every time, unless told. */
export function makeCampaign(id: string, overrides: Partial<Campaign> = {}): Campaign {
  return {
    id,
    workspaceId: 'w1',
    programId: 'p1',
    name: id,
    description: null,
    executable: false,
    smartList: smartList(),
    flow: [],
    qualificationRule: { kind: 'EVERY_TIME' },
    ...overrides,
  };
}

/** An executable campaign (see makeCampaign). */
export function executable(id: string, overrides: Partial<Campaign> = {}): Campaign {
  return makeCampaign(id, { executable: true, ...overrides });
}

/** A program with Not in Program > Member > Engaged > Won. */
export function makeProgram(id: string, overrides: Partial<Program> = {}): Program {
  return {
    id,
    name: `Program ${id}`,
    folderId: null,
    statuses: ['Not in Program', 'Member', 'Engaged', 'Won'],
    tokens: {},
    ...overrides,
  };
}

/** The default field set: score, a second score, and one field of each type. */
export const FIELDS: Record<string, FieldType> = {
  score: 'SCORE',
  behaviorScore: 'SCORE',
  firstName: 'STRING',
  age: 'INTEGER',
  revenue: 'FLOAT',
  vip: 'BOOLEAN',
  signedUpAt: 'DATETIME',
};

interface GraphParts {
  programs?: Program[];
  folders?: Folder[];
  smartLists?: SmartListAsset[];
  fields?: Record<string, FieldType>;
}

function byId<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((item) => [item.id, item]));
}

/** A graph of these campaigns; program p1 exists unless programs are given. */
export function makeGraph(campaigns: Campaign[], parts: GraphParts = {}): CampaignGraph {
  return {
    campaigns: byId(campaigns),
    smartLists: byId(parts.smartLists ?? []),
    programs: byId(parts.programs ?? [makeProgram('p1')]),
    folders: byId(parts.folders ?? []),
    fields: parts.fields ?? FIELDS,
  };
}

/** A batch run without tokens unless told. */
export function makeRun(overrides: Partial<Run> = {}): Run {
  return { id: 'run-1', kind: 'BATCH', tokens: {}, trigger: null, ...overrides };
}

interface RunOptions {
  lead?: Lead;
  run?: Run;
  history?: LeadHistory;
  startStepIndex?: number;
  now?: Date;
}

/** Runs `campaignId`'s flow for one lead with test defaults. */
export function run(graph: CampaignGraph, campaignId: string, options: RunOptions = {}): RunFlowResult {
  return runFlow({
    lead: options.lead ?? makeLead(),
    graph,
    history: options.history ?? {},
    run: options.run ?? makeRun(),
    campaignId,
    startStepIndex: options.startStepIndex ?? 0,
    now: options.now ?? NOW,
  });
}

/** Shorthands for flow actions. */
export const act = {
  score: (change: string, scoreName = 'score'): FlowAction => ({ type: 'changeScore', scoreName, change }),
  data: (attribute: string, value: string | null): FlowAction => ({
    type: 'changeDataValue',
    attribute,
    value,
  }),
  execute: (campaignId: string, useParentTokenContext = false): FlowAction => ({
    type: 'executeCampaign',
    campaignId,
    useParentTokenContext,
  }),
  request: (campaignId: string): FlowAction => ({ type: 'requestCampaign', campaignId }),
  remove: (...campaignIds: string[]): FlowAction => ({ type: 'removeFromFlow', campaignIds }),
  addToList: (listId: string): FlowAction => ({ type: 'addToList', listId }),
  removeFromList: (listId: string): FlowAction => ({ type: 'removeFromList', listId }),
  status: (programId: string, status: string): FlowAction => ({
    type: 'changeProgramStatus',
    programId,
    status,
  }),
  wait: (seconds: number): FlowAction => ({ type: 'wait', seconds }),
  webhook: (url: string, body: string | null = null, method = 'post'): FlowAction => ({
    type: 'webhook',
    url,
    method,
    body,
  }),
  moment: (description: string, kind = 'Web'): FlowAction => ({
    type: 'interestingMoment',
    kind,
    description,
  }),
};

/** An ATTRIBUTE filter. */
export function attr(attribute: string, operator: Filter['operator'], ...values: string[]): Filter {
  return { kind: 'ATTRIBUTE', attribute, operator, values };
}

/** The activities as `TYPE@campaign` strings, for order assertions. */
export function trail(result: RunFlowResult): string[] {
  return result.activities.map((activity) => `${activity.type}@${activity.campaignId}`);
}
