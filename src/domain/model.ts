import type { ActivityCriteria, ActivityType } from './activity-criteria.js';
import type {
  MappingFailure,
  StepVisit,
  Suspension,
  WebhookResponse,
  WebhookResponseMapping,
} from './flow-records.js';

/** A lead field's type (the contract's FieldType). SCORE fields hold integers and read 0 when unset. */
export const FIELD_TYPES = ['STRING', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DATETIME', 'SCORE'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** A stored field value, typed by its field definition (DATETIME as ISO-8601 text). */
export type FieldValue = string | number | boolean | null;

/** Any value an activity attribute may hold: what a JSON column stores. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { [key: string]: JsonValue };

/** A person as the flow sees it. `fields` is keyed by field name, score fields included. */
export interface Lead {
  id: string;
  email: string;
  fields: Readonly<Record<string, FieldValue>>;
  /** Ids of the static lists the lead belongs to. */
  listIds: readonly string[];
  /** The lead's status in each program it is a member of, by program id. */
  programMemberships: Readonly<Record<string, string>>;
  /** Stored activities matching each criteria the computation reads, by `criteriaKey` (semantics S5). */
  activityCounts?: Readonly<Record<string, number>>;
}

/** How a smart list combines its filters. */
export const FILTER_RULES = ['ALL', 'ANY', 'ADVANCED'] as const;
export type FilterRule = (typeof FILTER_RULES)[number];

/** What a filter tests. */
export const FILTER_KINDS = [
  'ATTRIBUTE',
  'MEMBER_OF_SMART_LIST',
  'MEMBER_OF_LIST',
  'MEMBER_OF_PROGRAM',
  'HAD_ACTIVITY',
  'NOT_HAD_ACTIVITY',
] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/** A filter's comparison. Membership filters accept IS (the default) and IS_NOT. */
export const FILTER_OPERATORS = [
  'IS',
  'IS_NOT',
  'CONTAINS',
  'NOT_CONTAINS',
  'STARTS_WITH',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'GREATER_THAN',
  'AT_LEAST',
  'LESS_THAN',
  'AT_MOST',
  'BETWEEN',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** One smart-list filter (the contract's FilterInput). Which fields matter depends on `kind`. */
export interface Filter {
  kind: FilterKind;
  attribute?: string | null;
  operator?: FilterOperator | null;
  values?: readonly string[] | null;
  smartListId?: string | null;
  staticListId?: string | null;
  programId?: string | null;
  status?: string | null;
  /** HAD_ACTIVITY, NOT_HAD_ACTIVITY: which activities count (semantics S5). */
  activity?: ActivityCriteria | null;
}

/** What a trigger listens for. */
export const TRIGGER_KINDS = [
  'CAMPAIGN_IS_REQUESTED',
  'DATA_VALUE_CHANGES',
  'SCORE_IS_CHANGED',
  'ADDED_TO_LIST',
  'LEAD_IS_CREATED',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** Each trigger's name as users know it, which `{{trigger.name}}` renders. */
export const TRIGGER_NAMES: Readonly<Record<TriggerKind, string>> = {
  CAMPAIGN_IS_REQUESTED: 'Campaign is Requested',
  DATA_VALUE_CHANGES: 'Data Value Changes',
  SCORE_IS_CHANGED: 'Score is Changed',
  ADDED_TO_LIST: 'Added to List',
  LEAD_IS_CREATED: 'Lead is Created',
};

/** Who asked for a Campaign is Requested event. */
export const REQUEST_SOURCES = ['FLOW_ACTION', 'API'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** One smart-list trigger (the contract's TriggerInput). An unset qualifier matches anything. */
export interface Trigger {
  kind: TriggerKind;
  attribute?: string | null;
  source?: RequestSource | null;
  staticListId?: string | null;
}

/** A smart list: filters combined by a rule, plus triggers (always OR'ed). */
export interface SmartListDefinition {
  rule: FilterRule;
  /** For ADVANCED only, e.g. `1 and (2 or not 3)`. */
  advancedLogic?: string | null;
  filters: readonly Filter[];
  triggers: readonly Trigger[];
}

/** A reusable smart-list asset, referenced by MEMBER_OF_SMART_LIST filters. */
export interface SmartListAsset {
  id: string;
  name: string;
  definition: SmartListDefinition;
  /** A deleted asset stays referenced, which makes the referencing smart lists invalid (semantics E4). */
  deleted: boolean;
}

/** The contract's QualificationKind. */
export const QUALIFICATION_KINDS = ['ONCE', 'EVERY_TIME', 'ONCE_EVERY'] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];

/** The unit of a ONCE_EVERY rule: DAYS are 24 hours, MONTHS 30 days. */
export const TIME_UNITS = ['HOURS', 'DAYS', 'WEEKS', 'MONTHS'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** How often a lead may run through a campaign's flow (semantics Q1); `every`, `unit`: ONCE_EVERY. */
export interface QualificationRule {
  kind: QualificationKind;
  every?: number | null;
  unit?: TimeUnit | null;
}

/** One flow action, tagged by `type` (the key of the contract's @oneOf FlowActionInput). */
export type FlowAction =
  | { type: 'changeScore'; scoreName: string; change: string }
  | { type: 'changeDataValue'; attribute: string; value: string | null }
  | { type: 'executeCampaign'; campaignId: string; useParentTokenContext: boolean }
  | { type: 'requestCampaign'; campaignId: string }
  | { type: 'removeFromFlow'; campaignIds: readonly string[] }
  | { type: 'addToList'; listId: string }
  | { type: 'removeFromList'; listId: string }
  | { type: 'changeProgramStatus'; programId: string; status: string }
  | { type: 'wait'; seconds: number }
  | {
      type: 'webhook';
      url: string;
      method: string;
      body: string | null;
      /** Lead fields set from the JSON response (semantics F12); absent on steps saved before them. */
      responseMappings?: readonly WebhookResponseMapping[];
    }
  | { type: 'interestingMoment'; kind: string; description: string };

/** A choice of a step: when the filter holds for the lead, this action (or nothing) runs instead. */
export interface FlowChoice {
  when: Filter;
  action: FlowAction | null;
}

/** A flow step: a default action (or none) and choices checked in order (semantics F1). */
export interface FlowStep {
  action: FlowAction | null;
  choices: readonly FlowChoice[];
}

/** A smart campaign. Its type is derived: see `campaignType`. */
export interface Campaign {
  id: string;
  workspaceId: string;
  programId: string;
  name: string;
  description: string | null;
  executable: boolean;
  smartList: SmartListDefinition;
  flow: readonly FlowStep[];
  qualificationRule: QualificationRule;
}

/** The type of a My Token's value (semantics T2): what `parseTokenValue` checks it against. */
export const TOKEN_TYPES = ['TEXT', 'NUMBER', 'SCORE', 'DATE'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** My Tokens by name as stored (`my.x`); names are matched case-insensitively. */
export type MyTokens = Readonly<Record<string, string>>;

/** A program: its ordered statuses (the progression) and its My Tokens. */
export interface Program {
  id: string;
  name: string;
  description?: string | null;
  folderId: string | null;
  statuses: readonly string[];
  tokens: MyTokens;
}

/** A folder of the program tree, with its My Tokens. */
export interface Folder {
  id: string;
  parentId: string | null;
  tokens: MyTokens;
}

/**
 * Everything a flow can reach, by id. Treated as an immutable value: the domain compiles a graph
 * once (smart lists, token templates) and reuses the compilation for every call with the same object.
 */
export interface CampaignGraph {
  campaigns: Readonly<Record<string, Campaign>>;
  smartLists: Readonly<Record<string, SmartListAsset>>;
  programs: Readonly<Record<string, Program>>;
  folders: Readonly<Record<string, Folder>>;
  /** Lead field types by field name. `score` (SCORE) and `email` (STRING) exist even when absent. */
  fields: Readonly<Record<string, FieldType>>;
}

/** A lead's past with one campaign: what qualification rules read. */
export interface CampaignHistory {
  lastRunAt: Date;
  runCount: number;
}

/** A lead's history by campaign id. */
export type LeadHistory = Readonly<Record<string, CampaignHistory>>;

/** The contract's RunKind. */
export const RUN_KINDS = ['BATCH', 'REQUESTED', 'TRIGGERED'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** The contract's RunStatus. */
export const RUN_STATUSES = ['SCHEDULED', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The statuses a run ends in; a finished run's status never changes again. */
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/**
 * The statuses of a run that has not started: planning it (fixing its audience) makes it RUNNING or
 * COMPLETED at once, and its chunks come after that.
 */
export const NOT_STARTED_RUN_STATUSES: readonly RunStatus[] = ['SCHEDULED', 'QUEUED'];

/** The run a flow belongs to. */
export interface Run {
  id: string;
  kind: RunKind;
  /** API-passed My Tokens for this run only (`my.x` or `{{my.x}}` names). */
  tokens: MyTokens;
  /** What fired a triggered run (`name`, `attribute`, `list`...); read only when TRIGGERED (semantics T8). */
  trigger: Readonly<Record<string, string>> | null;
  /** Trigger tokens of a triggered run that differ by lead (`value`, `oldValue`...), by lead id. */
  leadTriggers?: Readonly<Record<string, Readonly<Record<string, string>>>> | null;
}

/** Everything `runFlow` needs for one lead. */
export interface RunFlowInput {
  lead: Lead;
  graph: CampaignGraph;
  history: LeadHistory;
  run: Run;
  campaignId: string;
  /** 0-based index of the first step to run: 0 for a fresh run, `suspend.resumeStepIndex` to resume. */
  startStepIndex: number;
  now: Date;
  /** When resuming after a webhook whose step maps its response: the mappings and what the call answered. */
  webhookResponse?: WebhookResponse;
}

export { ACTIVITY_TYPES, type ActivityType } from './activity-criteria.js';

/** One activity a flow wrote, in order. The caller adds the lead, the run and the id. */
export interface Activity {
  type: ActivityType;
  /** The campaign whose flow ran the step (for Execute Campaign: the parent). */
  campaignId: string;
  /** 0 for the top campaign's own steps, 1 to 3 inside executed children. */
  depth: number;
  occurredAt: Date;
  primaryAttributeValue: string | null;
  attributes: Readonly<Record<string, JsonValue>>;
}

/**
 * A score field's change, to apply atomically against concurrent runs (semantics R3): the new value is
 * `(set ?? current) + delta`. `set` is the last `=N` of the flow; `delta` sums the changes after it.
 */
export interface ScoreChange {
  set: number | null;
  delta: number;
}

/** A campaign whose flow ran for the lead in this call: it counts as a run for semantics Q1. */
export interface HistoryRecord {
  campaignId: string;
  ranAt: Date;
}

/** What the caller must persist or hand on. */
export interface Effects {
  /** Final values of the non-score fields the flow set. */
  fieldChanges: Record<string, FieldValue>;
  scoreChanges: Record<string, ScoreChange>;
  /** Lists the lead joined / left, net of the flow (added then removed cancels out). */
  listAdds: string[];
  listRemoves: string[];
  /** Final status by program id, for the programs whose membership the flow changed. */
  programStatuses: Record<string, string>;
  history: HistoryRecord[];
  /** Campaigns to hand the lead to (Request Campaign); the runs layer enqueues TRIGGERED runs. */
  requestedCampaignIds: string[];
  /** Campaigns whose pending waits for this lead must be cancelled (Remove from Flow). */
  removedFromFlowCampaignIds: string[];
}

/** What `runFlow` returns for one lead. */
export interface RunFlowResult {
  activities: Activity[];
  effects: Effects;
  /** The lead after the flow; every SCORE field of the graph is present (0 when unset). */
  leadAfter: Lead;
  suspend: Suspension | null;
  /** True when a Remove from Flow step stopped the flow for this lead. */
  removed: boolean;
  /** The steps the lead reached, in order, executed children's included (semantics A4). */
  steps: StepVisit[];
  /** Response mappings of the webhook the flow resumed after that set nothing (semantics F12). */
  mappingFailures: MappingFailure[];
}

/** Why a lead passed or failed one filter (the contract's FilterEvaluation). */
export interface FilterEvaluation {
  /** 1-based. */
  position: number;
  passed: boolean;
  detail: string;
}

/** A smart list's verdict for a lead, with one explanation row per filter. */
export interface SmartListEvaluation {
  valid: boolean;
  passed: boolean;
  /** Why the smart list cannot be evaluated, when it is invalid. */
  invalidReason: string | null;
  explanation: FilterEvaluation[];
}

/** A qualification rule's verdict for a lead at an instant (semantics Q1, Q3), read by runs and dry runs. */
export interface RuleVerdict {
  rule: QualificationRule;
  allowed: boolean;
  /** When the lead last ran through the campaign's flow; null when it never did. */
  lastRunAt: Date | null;
  /**
   * When the rule lets the lead in again after its last run: the last run plus the period for
   * ONCE_EVERY (in the past when that time has come), null when there is no last run, the rule is
   * EVERY_TIME, or the lead is never eligible again (ONCE).
   */
  nextEligibleAt: Date | null;
}

/** Whether a lead may enter a campaign's flow now, and why (for batch audiences and simulations). */
export interface Qualification {
  qualified: boolean;
  reason: 'NOT_IN_SMART_LIST' | 'QUALIFICATION_RULE' | 'INVALID_SMART_LIST' | null;
  /** Why the smart list cannot be evaluated, when the reason is INVALID_SMART_LIST. */
  invalidReason: string | null;
  explanation: FilterEvaluation[];
  /** The qualification rule's verdict, whether or not the lead passes the smart list. */
  rule: RuleVerdict;
}

/** The contract's CampaignType, derived from a campaign. */
export const CAMPAIGN_TYPES = ['BATCH', 'TRIGGER', 'EXECUTABLE'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** The contract's CampaignStatus: only ACTIVE trigger campaigns listen for their triggers. */
export const CAMPAIGN_STATUSES = ['INACTIVE', 'ACTIVE'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
