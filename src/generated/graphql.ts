/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which of a lead’s activities a HAD_ACTIVITY or NOT_HAD_ACTIVITY filter counts (semantics S5 in docs/semantics.md). Qualifiers that do not fit the type make the smart list INVALID_SMART_LIST. */
export type ActivityCriteriaInput = {
  /** CHANGE_DATA_VALUE only: only changes of this lead field (case-insensitive). Null: any field. */
  attribute?: string | null | undefined;
  /** Only activities written by this campaign’s own flow steps (an executed child’s steps are the child’s; its Execute Campaign activity is the caller’s). Null: any campaign. */
  campaignId?: string | null | undefined;
  /** EXECUTE_CAMPAIGN only: only executions of this campaign. Null: any. */
  executedCampaignId?: string | null | undefined;
  /** How many matching activities HAD_ACTIVITY needs (NOT_HAD_ACTIVITY: fewer than this); from 1 to 1000, default 1. */
  minTimes?: number | null | undefined;
  /** CHANGE_DATA_VALUE only: only changes to this value, read as the field’s type (case-insensitive). Null: any value. */
  newValue?: string | null | undefined;
  /** EXECUTE_CAMPAIGN only: only executions with this Qualified value. Null: either. */
  qualified?: boolean | null | undefined;
  /** The activity type that counts. */
  type: ActivityType;
  /** Only activities of the last withinDays days (24 hours each) before the run’s clock, the edge included; from 1 to 3650. Null: the whole history. */
  withinDays?: number | null | undefined;
};

/** Which activities to read: every given field narrows (AND); absent fields do not. A workspace key only ever sees its own workspace. */
export type ActivityFilter = {
  /** Only those written by this campaign’s flow steps. */
  campaignId?: string | null | undefined;
  /** Only this lead’s. */
  leadId?: string | null | undefined;
  /** Execute Campaign activities only: their Qualified value. */
  qualified?: boolean | null | undefined;
  /** Only those this run wrote. */
  runId?: string | null | undefined;
  /** Only these types; empty or absent: every type. */
  types?: Array<ActivityType> | null | undefined;
  /** Only this workspace’s activities (another workspace than the key’s: none). */
  workspaceId?: string | null | undefined;
};

/** What an activity records: the flow step that wrote it, or NEW_LEAD. */
export type ActivityType =
  /** An Add to List step: the static list. */
  | 'ADD_TO_LIST'
  /** A Call Webhook step: the request and the response status. */
  | 'CALL_WEBHOOK'
  /** The lead was requested into this trigger campaign (by requestCampaign or a step). */
  | 'CAMPAIGN_IS_REQUESTED'
  /** A field changed: by a Change Data Value step, or by upsertLeads (attributes.source is then API). */
  | 'CHANGE_DATA_VALUE'
  /** A Change Program Status step: the program and the old and new status. */
  | 'CHANGE_PROGRAM_STATUS'
  /** A Change Score step: the score field, the change and the old and new values. */
  | 'CHANGE_SCORE'
  /** An Execute Campaign step: whether the lead qualified for the executable campaign. */
  | 'EXECUTE_CAMPAIGN'
  /** An Interesting Moment step: its kind and text. */
  | 'INTERESTING_MOMENT'
  /** upsertLeads created the lead (no run). */
  | 'NEW_LEAD'
  /** A Remove from Flow step: the campaigns named and those it stopped. */
  | 'REMOVE_FROM_FLOW'
  /** A Remove from List step: the static list. */
  | 'REMOVE_FROM_LIST'
  /** A Request Campaign step: the trigger campaign it requested for the lead. */
  | 'REQUEST_CAMPAIGN'
  /** A Wait step: its seconds and when the flow resumes. */
  | 'WAIT';

/** Whether a trigger campaign listens for its triggers. */
export type CampaignStatus =
  /** A trigger campaign that runs for a lead when one of its triggers fires (activateCampaign). */
  | 'ACTIVE'
  /** Not listening (every campaign starts so; batch and executable campaigns stay so). */
  | 'INACTIVE';

/** How a campaign runs, derived from its definition (semantics E1 in docs/semantics.md). */
export type CampaignType =
  /** Runs when scheduled, for the leads its smart list selects. */
  | 'BATCH'
  /** Runs only inside another campaign’s flow, through Execute Campaign. */
  | 'EXECUTABLE'
  /** Runs for a lead when one of its triggers fires; must be ACTIVE. */
  | 'TRIGGER';

/** Change Data Value: sets or clears a lead field. */
export type ChangeDataValueInput = {
  /** The lead field, at most 200 characters, not empty. */
  attribute: string;
  /** The new value, may hold tokens, at most 10,000 characters; absent or null clears the field. */
  value?: string | null | undefined;
};

/** Change Program Status: makes the lead a member of a program with a status. */
export type ChangeProgramStatusInput = {
  /** A program of the same workspace (else NOT_FOUND). */
  programId: string;
  /** One of the program’s statuses, exactly as spelled there (else BAD_USER_INPUT). */
  status: string;
};

/** Change Score: adds to, subtracts from or sets a SCORE field. */
export type ChangeScoreInput = {
  /** +N, -N or =N, or tokens resolving to one (e.g. {{my.score}}); at most 1000 characters, not empty. */
  change: string;
  /** The SCORE field, at most 200 characters; empty means score. */
  scoreName?: string | null | undefined;
};

/** A new campaign: only programId and name are required. */
export type CreateCampaignInput = {
  /** Free text for people, at most 2000 characters; absent: none. */
  description?: string | null | undefined;
  /** The Executable check box. An executable campaign is never scheduled or activated. */
  executable?: boolean | null | undefined;
  /** The steps, in order; absent: none. */
  flow?: Array<FlowStepInput> | null | undefined;
  /** Trimmed; 1 to 200 characters. */
  name: string;
  /** The program to create it in. */
  programId: string;
  /** How often a lead may run through the flow; absent: ONCE. */
  qualificationRule?: QualificationRuleInput | null | undefined;
  /** Who qualifies; absent: rule ALL with no filters and no triggers. */
  smartList?: SmartListInput | null | undefined;
};

/** Execute Campaign: runs an executable campaign of the same workspace inside this step. */
export type ExecuteCampaignInput = {
  /** The executable campaign (else EXECUTE_TARGET_NOT_EXECUTABLE). */
  campaignId: string;
  /** True: the child resolves tokens in this campaign’s context. */
  useParentTokenContext?: boolean | null | undefined;
};

/** A filter: kind says which other fields it needs; a missing one, or a reference to nothing in the workspace, is INVALID_SMART_LIST. */
export type FilterInput = {
  /** HAD_ACTIVITY and NOT_HAD_ACTIVITY (required there): which activities count. */
  activity?: ActivityCriteriaInput | null | undefined;
  /** ATTRIBUTE (required): a lead field name, email included; at most 200 characters. */
  attribute?: string | null | undefined;
  /** What it tests. */
  kind: FilterKind;
  /** ATTRIBUTE: required. Membership kinds: IS (the default) or IS_NOT. */
  operator?: FilterOperator | null | undefined;
  /** MEMBER_OF_PROGRAM: the program. */
  programId?: string | null | undefined;
  /** MEMBER_OF_SMART_LIST: the smart list. */
  smartListId?: string | null | undefined;
  /** MEMBER_OF_LIST: the static list. */
  staticListId?: string | null | undefined;
  /** MEMBER_OF_PROGRAM: only members with this status, one of the program’s; absent: any status. */
  status?: string | null | undefined;
  /** ATTRIBUTE: the values compared with, as text of the field’s type; at most 100, each at most 1000 characters; absent: none. */
  values?: Array<string> | null | undefined;
};

/** What a filter tests; each kind reads its own input fields. */
export type FilterKind =
  /** A lead field compared by operator with values (attribute, operator, values). */
  | 'ATTRIBUTE'
  /** The lead has at least activity.minTimes activities matching activity (semantics S5 in docs/semantics.md). */
  | 'HAD_ACTIVITY'
  /** The lead is on a static list (staticListId; operator IS or IS_NOT). */
  | 'MEMBER_OF_LIST'
  /** The lead is a member of a program, optionally with a status (programId, status; operator IS or IS_NOT). */
  | 'MEMBER_OF_PROGRAM'
  /** The lead qualifies for a reusable smart list (smartListId; operator IS or IS_NOT). */
  | 'MEMBER_OF_SMART_LIST'
  /** The lead has fewer than activity.minTimes activities matching activity (semantics S5 in docs/semantics.md). */
  | 'NOT_HAD_ACTIVITY';

/** How an ATTRIBUTE filter compares a field with its values (membership filters take IS, the default, and IS_NOT). String comparisons are case-insensitive. Which operators a field takes depends on its type (semantics S2 in docs/semantics.md). */
export type FilterOperator =
  /** Numbers and date-times: greater than or equal to the value. */
  | 'AT_LEAST'
  /** Numbers and date-times: less than or equal to the value. */
  | 'AT_MOST'
  /** Numbers and date-times: between the two values, both included. */
  | 'BETWEEN'
  /** STRING: contains one of the values. */
  | 'CONTAINS'
  /** Numbers and date-times: greater than the value. */
  | 'GREATER_THAN'
  /** Equals one of the values. */
  | 'IS'
  /** Has no value (no values given). */
  | 'IS_EMPTY'
  /** Equals none of the values, or is empty. */
  | 'IS_NOT'
  /** Has a value (no values given). */
  | 'IS_NOT_EMPTY'
  /** Numbers and date-times: less than the value. */
  | 'LESS_THAN'
  /** STRING: contains none of the values, or is empty. */
  | 'NOT_CONTAINS'
  /** STRING: starts with one of the values. */
  | 'STARTS_WITH';

/** How a smart list combines its filters (triggers are always OR’ed). */
export type FilterRule =
  /** advancedLogic such as: 1 and (2 or 3) */
  | 'ADVANCED'
  /** Every filter must hold (the default). */
  | 'ALL'
  /** At least one filter must hold. */
  | 'ANY';

/** Exactly one action. */
export type FlowActionInput =
  {   /** Add to List. */
  addToList: ListActionInput; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never;   /** Change Data Value. */
  changeDataValue: ChangeDataValueInput; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never;   /** Change Program Status. */
  changeProgramStatus: ChangeProgramStatusInput; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never;   /** Change Score. */
  changeScore: ChangeScoreInput; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never;   /** Execute Campaign. */
  executeCampaign: ExecuteCampaignInput; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never;   /** Interesting Moment. */
  interestingMoment: InterestingMomentInput; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never;   /** Remove from Flow. */
  removeFromFlow: RemoveFromFlowInput; removeFromList?: never; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never;   /** Remove from List. */
  removeFromList: ListActionInput; requestCampaign?: never; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never;   /** Request Campaign. */
  requestCampaign: RequestCampaignInput; wait?: never; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never;   /** Wait. */
  wait: WaitInput; webhook?: never; }
  |  { addToList?: never; changeDataValue?: never; changeProgramStatus?: never; changeScore?: never; executeCampaign?: never; interestingMoment?: never; removeFromFlow?: never; removeFromList?: never; requestCampaign?: never; wait?: never;   /** Call Webhook. */
  webhook: WebhookInput; };

/** A choice: when its condition holds for the lead, its action runs instead of the step’s default. */
export type FlowChoiceInput = {
  /** Absent: do nothing. */
  action?: FlowActionInput | null | undefined;
  /** The condition, a smart-list filter. */
  when: FilterInput;
};

/** A flow step. A flow holds at most 100 steps and 100 choices in all (BAD_USER_INPUT beyond). */
export type FlowStepInput = {
  /** The default action, when no choice holds; absent: do nothing. */
  action?: FlowActionInput | null | undefined;
  /** Checked in order, the first that holds runs; at most 20 per step; absent: none. */
  choices?: Array<FlowChoiceInput> | null | undefined;
};

/** Interesting Moment: records a moment on the lead. */
export type InterestingMomentInput = {
  /** Its text, may hold tokens, at most 10,000 characters. */
  description: string;
  /** Its kind (e.g. Milestone), at most 200 characters, not empty. */
  kind: string;
};

/** A lead to insert or update, found by email. */
export type LeadInput = {
  /** An email address, at most 254 characters, trimmed; matched case-insensitively, at most once per call. */
  email: string;
  /** An object of values by defined field name, each of its field’s type; null clears one; absent fields stay unchanged. */
  fields?: unknown;
};

/** Add to List or Remove from List: the static list. */
export type ListActionInput = {
  /** A static list of the same workspace (else NOT_FOUND). */
  listId: string;
};

/** Why a save is refused, or why a campaign cannot run as defined. As an error, the same code is errors[].extensions.code. */
export type ProblemCode =
  /** A campaign with triggers cannot be cloned (semantics E10 in docs/semantics.md). */
  | 'CLONE_WITH_TRIGGERS'
  /** An Execute Campaign step names a campaign of another workspace (semantics E7 in docs/semantics.md). */
  | 'CROSS_WORKSPACE_EXECUTE'
  /** An Execute Campaign step names a campaign that is not executable (semantics E7 in docs/semantics.md). */
  | 'EXECUTE_TARGET_NOT_EXECUTABLE'
  /** An Execute Campaign chain would run a campaign inside itself (semantics E6 in docs/semantics.md). */
  | 'EXECUTION_CYCLE'
  /** An Execute Campaign chain would be deeper than 3 (semantics E5 in docs/semantics.md). */
  | 'EXECUTION_DEPTH_EXCEEDED'
  /** A smart list or choice condition cannot be evaluated (e.g. an unknown field or a deleted smart list; semantics E4 in docs/semantics.md). */
  | 'INVALID_SMART_LIST'
  /** A My Token’s name or value does not fit its type (semantics T7 in docs/semantics.md). */
  | 'INVALID_TOKEN'
  /** The campaign is inactive or does not listen for Campaign is Requested (for a Request Campaign step: a problem, not an error). */
  | 'NOT_REQUESTABLE'
  /** Only batch campaigns are scheduled, and executable ones are never activated. */
  | 'NOT_SCHEDULABLE'
  /** An executable campaign’s smart list has a trigger (semantics E8 in docs/semantics.md). */
  | 'TRIGGER_IN_EXECUTABLE'
  /** A step uses a My Token that no context defines: a problem of the campaign, never an error. */
  | 'UNDEFINED_TOKEN'
  /** An executable campaign has a Wait step (semantics E8 in docs/semantics.md). */
  | 'WAIT_IN_EXECUTABLE'
  /** An executable campaign has a Call Webhook step (semantics E8 in docs/semantics.md). */
  | 'WEBHOOK_IN_EXECUTABLE'
  /** A Call Webhook step’s target is not covered by the operator’s allow-list (semantics F10 in docs/semantics.md). */
  | 'WEBHOOK_TARGET_NOT_ALLOWED';

/** How often a lead may run through a campaign’s flow (semantics Q1 in docs/semantics.md). */
export type QualificationKind =
  /** Every time. */
  | 'EVERY_TIME'
  /** A lead runs through the flow at most once, ever (the default). */
  | 'ONCE'
  /** Not again until `every` `unit`s after the last time. */
  | 'ONCE_EVERY';

/** How often a lead may run through the flow. ONCE_EVERY without every or unit is BAD_USER_INPUT. */
export type QualificationRuleInput = {
  /** ONCE_EVERY only: how many units, 1 to 1000; ignored for other kinds. */
  every?: number | null | undefined;
  /** The rule. */
  kind: QualificationKind;
  /** ONCE_EVERY only: the unit of every; ignored for other kinds. */
  unit?: TimeUnit | null | undefined;
};

/** Remove from Flow: stops the lead’s flows in these campaigns. */
export type RemoveFromFlowInput = {
  /** Campaigns of the same workspace: 1 to 100, at most 100 over the whole flow. */
  campaignIds: Array<string>;
};

/** Request Campaign: hands the lead to a trigger campaign of the same workspace. */
export type RequestCampaignInput = {
  /** A campaign listening for Campaign is Requested (else a NOT_REQUESTABLE problem). */
  campaignId: string;
};

/** Who asked for a Campaign is Requested event. */
export type RequestSource =
  /** The requestCampaign mutation. */
  | 'API'
  /** A Request Campaign flow step. */
  | 'FLOW_ACTION';

/** What started a run. */
export type RunKind =
  /** scheduleCampaign: the leads the smart list selects when the run starts. */
  | 'BATCH'
  /** requestCampaign: up to 100 leads named by the API. */
  | 'REQUESTED'
  /** A trigger fired, or a Request Campaign step handed the lead over. */
  | 'TRIGGERED';

/** Where a run is. COMPLETED, FAILED and CANCELLED are final, except that a COMPLETED run whose resumed Wait or webhook gives up becomes FAILED (docs/runs.md). */
export type RunStatus =
  /** cancelCampaignRun stopped it; what was done stays. */
  | 'CANCELLED'
  /** Every lead of its audience was processed (waiting leads resume later). */
  | 'COMPLETED'
  /** A job gave up; error says which and why. */
  | 'FAILED'
  /** Waiting for a worker to start it. */
  | 'QUEUED'
  /** Its audience is fixed and its leads are being processed. */
  | 'RUNNING'
  /** A batch run waiting for its scheduledFor time. */
  | 'SCHEDULED';

/** A smart list’s whole definition. */
export type SmartListInput = {
  /** ADVANCED (required): e.g. 1 and (2 or not 3), numbers being filter positions; at most 1000 characters; ignored for other rules. */
  advancedLogic?: string | null | undefined;
  /** The filters in order, at most 100 (BAD_USER_INPUT beyond). */
  filters: Array<FilterInput>;
  /** How the filters combine. */
  rule?: FilterRule | null | undefined;
  /** At most 20 (BAD_USER_INPUT beyond); any makes the campaign a TRIGGER campaign; absent: none. */
  triggers?: Array<TriggerInput> | null | undefined;
};

/** The unit of a ONCE_EVERY qualification rule. */
export type TimeUnit =
  /** 24 hours. */
  | 'DAYS'
  /** Hours. */
  | 'HOURS'
  /** 30 days. */
  | 'MONTHS'
  /** 7 days. */
  | 'WEEKS';

/** A My Token to set, or to pass for one run. At most 100 per call; a name or value that does not fit is INVALID_TOKEN. */
export type TokenInput = {
  /** my.score or {{my.score}}: at most 50 characters after my., no braces, colons or control characters; matched ignoring case. */
  name: string;
  /** TEXT when not given. */
  type?: TokenType | null | undefined;
  /** The value, as text of its type. */
  value: string;
};

/** What a My Token’s value must be (semantics T7 in docs/semantics.md); checked when it is set. */
export type TokenType =
  /** An ISO-8601 date or date-time. */
  | 'DATE'
  /** A decimal number. */
  | 'NUMBER'
  /** A score change: +N, -N, =N, =-N or N. */
  | 'SCORE'
  /** Any text (the default). */
  | 'TEXT';

/** A trigger: kind says which qualifier it takes; an absent qualifier matches anything. */
export type TriggerInput = {
  /** DATA_VALUE_CHANGES (required) and SCORE_IS_CHANGED: the field, at most 200 characters. */
  attribute?: string | null | undefined;
  /** What it listens for. */
  kind: TriggerKind;
  /** CAMPAIGN_IS_REQUESTED: only this source; absent: every source. */
  source?: RequestSource | null | undefined;
  /** ADDED_TO_LIST (required): the static list. */
  staticListId?: string | null | undefined;
};

/** What a trigger listens for (semantics S3 in docs/semantics.md). */
export type TriggerKind =
  /** Added to List: the lead is added to a static list (staticListId). */
  | 'ADDED_TO_LIST'
  /** Campaign is Requested: by requestCampaign or a Request Campaign step (source narrows). */
  | 'CAMPAIGN_IS_REQUESTED'
  /** Data Value Changes: a lead field (attribute) changes. */
  | 'DATA_VALUE_CHANGES'
  /** Lead is Created: upsertLeads creates the lead. */
  | 'LEAD_IS_CREATED'
  /** Score is Changed: a SCORE field (attribute; absent: any) changes. */
  | 'SCORE_IS_CHANGED';

/** Only the fields given change. */
export type UpdateCampaignInput = {
  /** New free text, at most 2000 characters; null clears it; absent: unchanged. */
  description?: string | null | undefined;
  /** Replaces the whole flow; absent: unchanged. */
  flow?: Array<FlowStepInput> | null | undefined;
  /** A new name (trimmed; 1 to 200 characters); absent: unchanged. */
  name?: string | null | undefined;
  /** Replaces the rule; absent: unchanged. */
  qualificationRule?: QualificationRuleInput | null | undefined;
  /** Replaces the whole smart list; absent: unchanged. */
  smartList?: SmartListInput | null | undefined;
};

/** Wait: pauses the lead’s flow. Not in executable campaigns (WAIT_IN_EXECUTABLE). */
export type WaitInput = {
  /** How long, in seconds: 1 to 31536000 (365 days). */
  seconds: number;
};

/** Call Webhook: calls a URL the operator’s allow-list covers. Not in executable campaigns (WEBHOOK_IN_EXECUTABLE). */
export type WebhookInput = {
  /** The request body, may hold tokens, at most 10,000 characters; absent: none. */
  body?: string | null | undefined;
  /** One of GET, POST, PUT, PATCH, DELETE, any case. */
  method?: string | null | undefined;
  /** Lead fields to set from the JSON response of a 2xx answer, in order; at most 20. Default: none. */
  responseMappings?: Array<WebhookResponseMappingInput> | null | undefined;
  /** Starts with http:// or https:// (or a token); may hold tokens; at most 1000 characters. */
  url: string;
};

/** Copies a value of the webhook’s JSON response into a lead field (semantics F12 in docs/semantics.md). */
export type WebhookResponseMappingInput = {
  /** A lead field (built-in or defined, not email), as Change Data Value names it; the value must fit its type when the response comes, else it is recorded as a mapping failure. */
  field: string;
  /** A dotted path into the JSON response, e.g. data.owner.email: 1 to 200 characters, no empty segment; a whole-number segment indexes an array from 0 (items.0.id). */
  path: string;
};

type ActivityFields_AddToListActivity_Fragment = { __typename: 'AddToListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null };

type ActivityFields_CallWebhookActivity_Fragment = { __typename: 'CallWebhookActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_CampaignIsRequestedActivity_Fragment = { __typename: 'CampaignIsRequestedActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, requestSource: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_ChangeDataValueActivity_Fragment = { __typename: 'ChangeDataValueActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_ChangeProgramStatusActivity_Fragment = { __typename: 'ChangeProgramStatusActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, oldStatus: string | null, newStatus: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, program: { id: string, name: string } | null };

type ActivityFields_ChangeScoreActivity_Fragment = { __typename: 'ChangeScoreActivity', scoreName: string, change: string, oldValue: number, newValue: number, id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_ExecuteCampaignActivity_Fragment = { __typename: 'ExecuteCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, executedCampaign: { id: string, name: string } };

type ActivityFields_GenericActivity_Fragment = { __typename: 'GenericActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_InterestingMomentActivity_Fragment = { __typename: 'InterestingMomentActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, kind: string, description: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_NewLeadActivity_Fragment = { __typename: 'NewLeadActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, email: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

type ActivityFields_RemoveFromFlowActivity_Fragment = { __typename: 'RemoveFromFlowActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> };

type ActivityFields_RemoveFromListActivity_Fragment = { __typename: 'RemoveFromListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null };

type ActivityFields_RequestCampaignActivity_Fragment = { __typename: 'RequestCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, requestedCampaign: { id: string, name: string, deletedAt: string | null } | null };

type ActivityFields_WaitActivity_Fragment = { __typename: 'WaitActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, seconds: number, resumeAt: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null };

export type ActivityFieldsFragment =
  | ActivityFields_AddToListActivity_Fragment
  | ActivityFields_CallWebhookActivity_Fragment
  | ActivityFields_CampaignIsRequestedActivity_Fragment
  | ActivityFields_ChangeDataValueActivity_Fragment
  | ActivityFields_ChangeProgramStatusActivity_Fragment
  | ActivityFields_ChangeScoreActivity_Fragment
  | ActivityFields_ExecuteCampaignActivity_Fragment
  | ActivityFields_GenericActivity_Fragment
  | ActivityFields_InterestingMomentActivity_Fragment
  | ActivityFields_NewLeadActivity_Fragment
  | ActivityFields_RemoveFromFlowActivity_Fragment
  | ActivityFields_RemoveFromListActivity_Fragment
  | ActivityFields_RequestCampaignActivity_Fragment
  | ActivityFields_WaitActivity_Fragment
;

type KindFields_AddToListActivity_Fragment = { list: { id: string, name: string } | null };

type KindFields_CallWebhookActivity_Fragment = { host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null };

type KindFields_CampaignIsRequestedActivity_Fragment = { requestSource: string };

type KindFields_ChangeDataValueActivity_Fragment = { attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null };

type KindFields_ChangeProgramStatusActivity_Fragment = { oldStatus: string | null, newStatus: string, program: { id: string, name: string } | null };

type KindFields_InterestingMomentActivity_Fragment = { kind: string, description: string };

type KindFields_NewLeadActivity_Fragment = { email: string };

type KindFields_RemoveFromFlowActivity_Fragment = { campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> };

type KindFields_RemoveFromListActivity_Fragment = { list: { id: string, name: string } | null };

type KindFields_RequestCampaignActivity_Fragment = { requestedCampaign: { id: string, name: string, deletedAt: string | null } | null };

type KindFields_WaitActivity_Fragment = { seconds: number, resumeAt: string | null };

export type KindFieldsFragment =
  | KindFields_AddToListActivity_Fragment
  | KindFields_CallWebhookActivity_Fragment
  | KindFields_CampaignIsRequestedActivity_Fragment
  | KindFields_ChangeDataValueActivity_Fragment
  | KindFields_ChangeProgramStatusActivity_Fragment
  | KindFields_InterestingMomentActivity_Fragment
  | KindFields_NewLeadActivity_Fragment
  | KindFields_RemoveFromFlowActivity_Fragment
  | KindFields_RemoveFromListActivity_Fragment
  | KindFields_RequestCampaignActivity_Fragment
  | KindFields_WaitActivity_Fragment
;

export type ExecuteCampaignFieldsFragment = { qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, executedCampaign: { id: string, name: string } };

export type ActivitiesQueryVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ActivitiesQuery = { activities: { edges: Array<{ node:
        | { __typename: 'AddToListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
        | { __typename: 'CallWebhookActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'CampaignIsRequestedActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, requestSource: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ChangeDataValueActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ChangeProgramStatusActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, oldStatus: string | null, newStatus: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, program: { id: string, name: string } | null }
        | { __typename: 'ChangeScoreActivity', scoreName: string, change: string, oldValue: number, newValue: number, id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ExecuteCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, executedCampaign: { id: string, name: string } }
        | { __typename: 'GenericActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'InterestingMomentActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, kind: string, description: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'NewLeadActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, email: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'RemoveFromFlowActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
        | { __typename: 'RequestCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, requestedCampaign: { id: string, name: string, deletedAt: string | null } | null }
        | { __typename: 'WaitActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, seconds: number, resumeAt: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
       }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type LatestActivitiesQueryVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type LatestActivitiesQuery = { activities: { edges: Array<{ node:
        | { __typename: 'AddToListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
        | { __typename: 'CallWebhookActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'CampaignIsRequestedActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, requestSource: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ChangeDataValueActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ChangeProgramStatusActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, oldStatus: string | null, newStatus: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, program: { id: string, name: string } | null }
        | { __typename: 'ChangeScoreActivity', scoreName: string, change: string, oldValue: number, newValue: number, id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'ExecuteCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, executedCampaign: { id: string, name: string } }
        | { __typename: 'GenericActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'InterestingMomentActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, kind: string, description: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'NewLeadActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, email: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
        | { __typename: 'RemoveFromFlowActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
        | { __typename: 'RequestCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, requestedCampaign: { id: string, name: string, deletedAt: string | null } | null }
        | { __typename: 'WaitActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, seconds: number, resumeAt: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
       }>, pageInfo: { hasPreviousPage: boolean, startCursor: string | null } } };

export type ActivityAddedSubscriptionVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ActivityAddedSubscription = { activityAdded:
    | { __typename: 'AddToListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
    | { __typename: 'CallWebhookActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'CampaignIsRequestedActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, requestSource: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'ChangeDataValueActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'ChangeProgramStatusActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, oldStatus: string | null, newStatus: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, program: { id: string, name: string } | null }
    | { __typename: 'ChangeScoreActivity', scoreName: string, change: string, oldValue: number, newValue: number, id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'ExecuteCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, executedCampaign: { id: string, name: string } }
    | { __typename: 'GenericActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'InterestingMomentActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, kind: string, description: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'NewLeadActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, email: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
    | { __typename: 'RemoveFromFlowActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> }
    | { __typename: 'RemoveFromListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
    | { __typename: 'RequestCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, requestedCampaign: { id: string, name: string, deletedAt: string | null } | null }
    | { __typename: 'WaitActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, seconds: number, resumeAt: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
   };

export type ExecuteCampaignActivitySubscriptionVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
  after?: string | null | undefined;
}>;


export type ExecuteCampaignActivitySubscription = { executeCampaignActivity: { id: string, occurredAt: string, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, executedCampaign: { id: string, name: string } } };

export type TokenFieldsFragment = { name: string, type: TokenType, value: string };

type GraphAction_AddToList_Fragment = { __typename: 'AddToList' };

type GraphAction_ChangeDataValue_Fragment = { __typename: 'ChangeDataValue' };

type GraphAction_ChangeProgramStatus_Fragment = { __typename: 'ChangeProgramStatus' };

type GraphAction_ChangeScore_Fragment = { __typename: 'ChangeScore' };

type GraphAction_ExecuteCampaign_Fragment = { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string } };

type GraphAction_InterestingMoment_Fragment = { __typename: 'InterestingMoment' };

type GraphAction_RemoveFromFlow_Fragment = { __typename: 'RemoveFromFlow' };

type GraphAction_RemoveFromList_Fragment = { __typename: 'RemoveFromList' };

type GraphAction_RequestCampaign_Fragment = { __typename: 'RequestCampaign' };

type GraphAction_Wait_Fragment = { __typename: 'Wait' };

type GraphAction_Webhook_Fragment = { __typename: 'Webhook' };

export type GraphActionFragment =
  | GraphAction_AddToList_Fragment
  | GraphAction_ChangeDataValue_Fragment
  | GraphAction_ChangeProgramStatus_Fragment
  | GraphAction_ChangeScore_Fragment
  | GraphAction_ExecuteCampaign_Fragment
  | GraphAction_InterestingMoment_Fragment
  | GraphAction_RemoveFromFlow_Fragment
  | GraphAction_RemoveFromList_Fragment
  | GraphAction_RequestCampaign_Fragment
  | GraphAction_Wait_Fragment
  | GraphAction_Webhook_Fragment
;

export type CampaignNodeFragment = { id: string, name: string, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { isValid: boolean, triggers: Array<{ kind: TriggerKind, source: RequestSource | null }> }, flow: Array<{ position: number, action:
      | { __typename: 'AddToList' }
      | { __typename: 'ChangeDataValue' }
      | { __typename: 'ChangeProgramStatus' }
      | { __typename: 'ChangeScore' }
      | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string } }
      | { __typename: 'InterestingMoment' }
      | { __typename: 'RemoveFromFlow' }
      | { __typename: 'RemoveFromList' }
      | { __typename: 'RequestCampaign' }
      | { __typename: 'Wait' }
      | { __typename: 'Webhook' }
     | null, choices: Array<{ action:
        | { __typename: 'AddToList' }
        | { __typename: 'ChangeDataValue' }
        | { __typename: 'ChangeProgramStatus' }
        | { __typename: 'ChangeScore' }
        | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string } }
        | { __typename: 'InterestingMoment' }
        | { __typename: 'RemoveFromFlow' }
        | { __typename: 'RemoveFromList' }
        | { __typename: 'RequestCampaign' }
        | { __typename: 'Wait' }
        | { __typename: 'Webhook' }
       | null }> }>, executes: Array<{ id: string }>, executedBy: Array<{ id: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> };

export type CampaignGraphQueryVariables = Exact<{
  workspaceId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  type?: CampaignType | null | undefined;
}>;


export type CampaignGraphQuery = { workspace: { id: string, name: string, folders: Array<{ id: string, name: string, parent: { id: string } | null, tokens: Array<{ name: string, type: TokenType, value: string }> }>, programs: Array<{ id: string, name: string, statuses: Array<string>, folder: { id: string } | null, tokens: Array<{ name: string, type: TokenType, value: string }> }>, campaigns: { edges: Array<{ node: { id: string, name: string, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { isValid: boolean, triggers: Array<{ kind: TriggerKind, source: RequestSource | null }> }, flow: Array<{ position: number, action:
              | { __typename: 'AddToList' }
              | { __typename: 'ChangeDataValue' }
              | { __typename: 'ChangeProgramStatus' }
              | { __typename: 'ChangeScore' }
              | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string } }
              | { __typename: 'InterestingMoment' }
              | { __typename: 'RemoveFromFlow' }
              | { __typename: 'RemoveFromList' }
              | { __typename: 'RequestCampaign' }
              | { __typename: 'Wait' }
              | { __typename: 'Webhook' }
             | null, choices: Array<{ action:
                | { __typename: 'AddToList' }
                | { __typename: 'ChangeDataValue' }
                | { __typename: 'ChangeProgramStatus' }
                | { __typename: 'ChangeScore' }
                | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string } }
                | { __typename: 'InterestingMoment' }
                | { __typename: 'RemoveFromFlow' }
                | { __typename: 'RemoveFromList' }
                | { __typename: 'RequestCampaign' }
                | { __typename: 'Wait' }
                | { __typename: 'Webhook' }
               | null }> }>, executes: Array<{ id: string }>, executedBy: Array<{ id: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ConditionFieldsFragment = { kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null };

type FlowActionFields_AddToList_Fragment = { __typename: 'AddToList', list: { id: string, name: string } };

type FlowActionFields_ChangeDataValue_Fragment = { __typename: 'ChangeDataValue', attribute: string, value: string | null };

type FlowActionFields_ChangeProgramStatus_Fragment = { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } };

type FlowActionFields_ChangeScore_Fragment = { __typename: 'ChangeScore', scoreName: string, change: string };

type FlowActionFields_ExecuteCampaign_Fragment = { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } };

type FlowActionFields_InterestingMoment_Fragment = { __typename: 'InterestingMoment', kind: string, description: string };

type FlowActionFields_RemoveFromFlow_Fragment = { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> };

type FlowActionFields_RemoveFromList_Fragment = { __typename: 'RemoveFromList', list: { id: string, name: string } };

type FlowActionFields_RequestCampaign_Fragment = { __typename: 'RequestCampaign', campaign: { id: string, name: string } };

type FlowActionFields_Wait_Fragment = { __typename: 'Wait', seconds: number };

type FlowActionFields_Webhook_Fragment = { __typename: 'Webhook', method: string, url: string, body: string | null };

export type FlowActionFieldsFragment =
  | FlowActionFields_AddToList_Fragment
  | FlowActionFields_ChangeDataValue_Fragment
  | FlowActionFields_ChangeProgramStatus_Fragment
  | FlowActionFields_ChangeScore_Fragment
  | FlowActionFields_ExecuteCampaign_Fragment
  | FlowActionFields_InterestingMoment_Fragment
  | FlowActionFields_RemoveFromFlow_Fragment
  | FlowActionFields_RemoveFromList_Fragment
  | FlowActionFields_RequestCampaign_Fragment
  | FlowActionFields_Wait_Fragment
  | FlowActionFields_Webhook_Fragment
;

export type CampaignFieldsFragment = { id: string, name: string, description: string | null, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string, name: string }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { rule: FilterRule, advancedLogic: string | null, isValid: boolean, filters: Array<{ position: number, kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }>, triggers: Array<{ kind: TriggerKind, attribute: string | null, source: RequestSource | null, staticList: { id: string } | null }> }, flow: Array<{ id: string, position: number, action:
      | { __typename: 'AddToList', list: { id: string, name: string } }
      | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
      | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
      | { __typename: 'ChangeScore', scoreName: string, change: string }
      | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
      | { __typename: 'InterestingMoment', kind: string, description: string }
      | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
      | { __typename: 'RemoveFromList', list: { id: string, name: string } }
      | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
      | { __typename: 'Wait', seconds: number }
      | { __typename: 'Webhook', method: string, url: string, body: string | null }
     | null, choices: Array<{ when: { kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }, action:
        | { __typename: 'AddToList', list: { id: string, name: string } }
        | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
        | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
        | { __typename: 'ChangeScore', scoreName: string, change: string }
        | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
        | { __typename: 'InterestingMoment', kind: string, description: string }
        | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromList', list: { id: string, name: string } }
        | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
        | { __typename: 'Wait', seconds: number }
        | { __typename: 'Webhook', method: string, url: string, body: string | null }
       | null }> }>, executes: Array<{ id: string, name: string }>, executedBy: Array<{ id: string, name: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> };

export type CampaignQueryVariables = Exact<{
  id: string;
}>;


export type CampaignQuery = { campaign: { id: string, name: string, description: string | null, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string, name: string, effectiveTokens: Array<{ name: string, type: TokenType, value: string, definedBy:
          | { __typename: 'Campaign', id: string }
          | { __typename: 'CampaignRun', id: string }
          | { __typename: 'Folder', id: string }
          | { __typename: 'Lead', id: string }
          | { __typename: 'LeadField', id: string }
          | { __typename: 'Program', id: string }
          | { __typename: 'SmartList', id: string }
          | { __typename: 'StaticList', id: string }
          | { __typename: 'Token', id: string }
          | { __typename: 'Workspace', id: string }
         | null }> }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { rule: FilterRule, advancedLogic: string | null, isValid: boolean, filters: Array<{ position: number, kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }>, triggers: Array<{ kind: TriggerKind, attribute: string | null, source: RequestSource | null, staticList: { id: string } | null }> }, flow: Array<{ id: string, position: number, action:
        | { __typename: 'AddToList', list: { id: string, name: string } }
        | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
        | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
        | { __typename: 'ChangeScore', scoreName: string, change: string }
        | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
        | { __typename: 'InterestingMoment', kind: string, description: string }
        | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromList', list: { id: string, name: string } }
        | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
        | { __typename: 'Wait', seconds: number }
        | { __typename: 'Webhook', method: string, url: string, body: string | null }
       | null, choices: Array<{ when: { kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }, action:
          | { __typename: 'AddToList', list: { id: string, name: string } }
          | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
          | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
          | { __typename: 'ChangeScore', scoreName: string, change: string }
          | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
          | { __typename: 'InterestingMoment', kind: string, description: string }
          | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
          | { __typename: 'RemoveFromList', list: { id: string, name: string } }
          | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
          | { __typename: 'Wait', seconds: number }
          | { __typename: 'Webhook', method: string, url: string, body: string | null }
         | null }> }>, executes: Array<{ id: string, name: string }>, executedBy: Array<{ id: string, name: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> } | null };

export type ValidateCampaignQueryVariables = Exact<{
  input: CreateCampaignInput;
}>;


export type ValidateCampaignQuery = { validateCampaign: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> };

export type CreateWorkspaceMutationVariables = Exact<{
  name: string;
}>;


export type CreateWorkspaceMutation = { createWorkspace: { id: string, name: string } };

export type CreateApiKeyMutationVariables = Exact<{
  workspaceId: string;
  name: string;
}>;


export type CreateApiKeyMutation = { createApiKey: { id: string, secret: string } };

export type CreateFolderMutationVariables = Exact<{
  workspaceId: string;
  name: string;
  parentId?: string | null | undefined;
}>;


export type CreateFolderMutation = { createFolder: { id: string, name: string } };

export type CreateProgramMutationVariables = Exact<{
  workspaceId: string;
  name: string;
  folderId?: string | null | undefined;
  statuses?: Array<string> | string | null | undefined;
}>;


export type CreateProgramMutation = { createProgram: { id: string, name: string, statuses: Array<string> } };

export type SetTokensMutationVariables = Exact<{
  ownerId: string;
  tokens: Array<TokenInput> | TokenInput;
}>;


export type SetTokensMutation = { setTokens: Array<{ name: string, type: TokenType, value: string }> };

export type CreateStaticListMutationVariables = Exact<{
  workspaceId: string;
  name: string;
}>;


export type CreateStaticListMutation = { createStaticList: { id: string, name: string } };

export type CreateCampaignMutationVariables = Exact<{
  input: CreateCampaignInput;
}>;


export type CreateCampaignMutation = { createCampaign: { id: string, name: string, description: string | null, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string, name: string }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { rule: FilterRule, advancedLogic: string | null, isValid: boolean, filters: Array<{ position: number, kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }>, triggers: Array<{ kind: TriggerKind, attribute: string | null, source: RequestSource | null, staticList: { id: string } | null }> }, flow: Array<{ id: string, position: number, action:
        | { __typename: 'AddToList', list: { id: string, name: string } }
        | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
        | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
        | { __typename: 'ChangeScore', scoreName: string, change: string }
        | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
        | { __typename: 'InterestingMoment', kind: string, description: string }
        | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromList', list: { id: string, name: string } }
        | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
        | { __typename: 'Wait', seconds: number }
        | { __typename: 'Webhook', method: string, url: string, body: string | null }
       | null, choices: Array<{ when: { kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }, action:
          | { __typename: 'AddToList', list: { id: string, name: string } }
          | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
          | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
          | { __typename: 'ChangeScore', scoreName: string, change: string }
          | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
          | { __typename: 'InterestingMoment', kind: string, description: string }
          | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
          | { __typename: 'RemoveFromList', list: { id: string, name: string } }
          | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
          | { __typename: 'Wait', seconds: number }
          | { __typename: 'Webhook', method: string, url: string, body: string | null }
         | null }> }>, executes: Array<{ id: string, name: string }>, executedBy: Array<{ id: string, name: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> } };

export type UpdateCampaignMutationVariables = Exact<{
  id: string;
  input: UpdateCampaignInput;
}>;


export type UpdateCampaignMutation = { updateCampaign: { id: string, name: string, description: string | null, type: CampaignType, status: CampaignStatus, isExecutable: boolean, program: { id: string, name: string }, qualificationRule: { kind: QualificationKind, every: number | null, unit: TimeUnit | null }, smartList: { rule: FilterRule, advancedLogic: string | null, isValid: boolean, filters: Array<{ position: number, kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }>, triggers: Array<{ kind: TriggerKind, attribute: string | null, source: RequestSource | null, staticList: { id: string } | null }> }, flow: Array<{ id: string, position: number, action:
        | { __typename: 'AddToList', list: { id: string, name: string } }
        | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
        | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
        | { __typename: 'ChangeScore', scoreName: string, change: string }
        | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
        | { __typename: 'InterestingMoment', kind: string, description: string }
        | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
        | { __typename: 'RemoveFromList', list: { id: string, name: string } }
        | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
        | { __typename: 'Wait', seconds: number }
        | { __typename: 'Webhook', method: string, url: string, body: string | null }
       | null, choices: Array<{ when: { kind: FilterKind, attribute: string | null, operator: FilterOperator | null, values: Array<string>, status: string | null, program: { id: string } | null, staticList: { id: string } | null, smartList: { id: string } | null }, action:
          | { __typename: 'AddToList', list: { id: string, name: string } }
          | { __typename: 'ChangeDataValue', attribute: string, value: string | null }
          | { __typename: 'ChangeProgramStatus', status: string, program: { id: string, name: string } }
          | { __typename: 'ChangeScore', scoreName: string, change: string }
          | { __typename: 'ExecuteCampaign', useParentTokenContext: boolean, campaign: { id: string, name: string } }
          | { __typename: 'InterestingMoment', kind: string, description: string }
          | { __typename: 'RemoveFromFlow', campaigns: Array<{ id: string, name: string }> }
          | { __typename: 'RemoveFromList', list: { id: string, name: string } }
          | { __typename: 'RequestCampaign', campaign: { id: string, name: string } }
          | { __typename: 'Wait', seconds: number }
          | { __typename: 'Webhook', method: string, url: string, body: string | null }
         | null }> }>, executes: Array<{ id: string, name: string }>, executedBy: Array<{ id: string, name: string }>, problems: Array<{ code: ProblemCode, message: string, stepPosition: number | null }> } };

export type ActivateCampaignMutationVariables = Exact<{
  id: string;
}>;


export type ActivateCampaignMutation = { activateCampaign: { id: string, status: CampaignStatus } };

export type UpsertLeadsMutationVariables = Exact<{
  workspaceId: string;
  leads: Array<LeadInput> | LeadInput;
}>;


export type UpsertLeadsMutation = { upsertLeads: Array<{ id: string, email: string, fields: unknown }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { isAdmin: boolean, workspaces: Array<{ id: string, name: string }> } };

export type SimulateCampaignQueryVariables = Exact<{
  campaignId: string;
  leadId: string;
  tokens?: Array<TokenInput> | TokenInput | null | undefined;
}>;


export type SimulateCampaignQuery = { simulateCampaign: { qualified: boolean, leadAfter: unknown, explanation: Array<{ position: number, passed: boolean, detail: string }>, activities: Array<{ type: ActivityType, depth: number, qualified: boolean | null, primaryAttributeValue: string | null, attributes: unknown, campaign: { id: string, name: string } | null }> } };

export type RunProgressFragment = { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } };

export type ScheduleCampaignMutationVariables = Exact<{
  campaignId: string;
  runAt?: string | null | undefined;
  tokens?: Array<TokenInput> | TokenInput | null | undefined;
}>;


export type ScheduleCampaignMutation = { scheduleCampaign: { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } } };

export type RequestCampaignMutationVariables = Exact<{
  campaignId: string;
  leadIds: Array<string> | string;
  tokens?: Array<TokenInput> | TokenInput | null | undefined;
}>;


export type RequestCampaignMutation = { requestCampaign: { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } } };

export type CancelCampaignRunMutationVariables = Exact<{
  id: string;
}>;


export type CancelCampaignRunMutation = { cancelCampaignRun: { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } } };

export type CampaignRunQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CampaignRunQuery = { campaignRun: { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, activities: { edges: Array<{ node:
          | { __typename: 'AddToListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
          | { __typename: 'CallWebhookActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, host: string | null, method: string, httpStatus: number | null, succeeded: boolean, failure: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'CampaignIsRequestedActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, requestSource: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'ChangeDataValueActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, attribute: string, valueBefore: unknown, valueAfter: unknown, source: string | null, skipped: boolean, skipReason: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'ChangeProgramStatusActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, oldStatus: string | null, newStatus: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, program: { id: string, name: string } | null }
          | { __typename: 'ChangeScoreActivity', scoreName: string, change: string, oldValue: number, newValue: number, id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'ExecuteCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, qualified: boolean, reason: string | null, depth: number, useParentTokenContext: boolean, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, executedCampaign: { id: string, name: string } }
          | { __typename: 'GenericActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'InterestingMomentActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, kind: string, description: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'NewLeadActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, email: string, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
          | { __typename: 'RemoveFromFlowActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, campaigns: Array<{ id: string, name: string }>, stoppedCampaigns: Array<{ id: string, name: string }> }
          | { __typename: 'RemoveFromListActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, list: { id: string, name: string } | null }
          | { __typename: 'RequestCampaignActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null, requestedCampaign: { id: string, name: string, deletedAt: string | null } | null }
          | { __typename: 'WaitActivity', id: string, type: ActivityType, occurredAt: string, primaryAttributeValue: string | null, attributes: unknown, seconds: number, resumeAt: string | null, lead: { id: string, email: string }, campaign: { id: string, name: string } | null, run: { id: string } | null }
         }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } } | null };

export type CampaignRunUpdatedSubscriptionVariables = Exact<{
  runId: string;
}>;


export type CampaignRunUpdatedSubscription = { campaignRunUpdated: { id: string, kind: RunKind, status: RunStatus, scheduledFor: string | null, startedAt: string | null, finishedAt: string | null, leadsTotal: number | null, leadsProcessed: number, error: string | null, tokens: Array<{ name: string, type: TokenType, value: string }>, campaign: { id: string, name: string } } };

export const ExecuteCampaignFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}}]} as unknown as DocumentNode<ExecuteCampaignFieldsFragment, unknown>;
export const KindFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<KindFieldsFragment, unknown>;
export const ActivityFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScoreActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"KindFields"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<ActivityFieldsFragment, unknown>;
export const GraphActionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphAction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}}]}}]} as unknown as DocumentNode<GraphActionFragment, unknown>;
export const CampaignNodeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignNode"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphAction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphAction"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphAction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}}]}}]} as unknown as DocumentNode<CampaignNodeFragment, unknown>;
export const ConditionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConditionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmartListFilter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<ConditionFieldsFragment, unknown>;
export const FlowActionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMoment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Wait"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]} as unknown as DocumentNode<FlowActionFieldsFragment, unknown>;
export const CampaignFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"advancedLogic"}},{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConditionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmartListFilter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMoment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Wait"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]} as unknown as DocumentNode<CampaignFieldsFragment, unknown>;
export const TokenFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]} as unknown as DocumentNode<TokenFieldsFragment, unknown>;
export const RunProgressFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]} as unknown as DocumentNode<RunProgressFragment, unknown>;
export const ActivitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Activities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScoreActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"KindFields"}}]}}]} as unknown as DocumentNode<ActivitiesQuery, ActivitiesQueryVariables>;
export const LatestActivitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LatestActivities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScoreActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"KindFields"}}]}}]} as unknown as DocumentNode<LatestActivitiesQuery, LatestActivitiesQueryVariables>;
export const ActivityAddedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActivityAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScoreActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"KindFields"}}]}}]} as unknown as DocumentNode<ActivityAddedSubscription, ActivityAddedSubscriptionVariables>;
export const ExecuteCampaignActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExecuteCampaignActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executeCampaignActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}}]} as unknown as DocumentNode<ExecuteCampaignActivitySubscription, ExecuteCampaignActivitySubscriptionVariables>;
export const CampaignGraphDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignGraph"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignType"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workspace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"folders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"programs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"statuses"}},{"kind":"Field","name":{"kind":"Name","value":"folder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CampaignNode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"GraphAction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignNode"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphAction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"GraphAction"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}}]} as unknown as DocumentNode<CampaignGraphQuery, CampaignGraphQueryVariables>;
export const CampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Campaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CampaignFields"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"effectiveTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}},{"kind":"Field","name":{"kind":"Name","value":"definedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConditionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmartListFilter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMoment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Wait"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"advancedLogic"}},{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]} as unknown as DocumentNode<CampaignQuery, CampaignQueryVariables>;
export const ValidateCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ValidateCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCampaignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}}]} as unknown as DocumentNode<ValidateCampaignQuery, ValidateCampaignQueryVariables>;
export const CreateWorkspaceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWorkspace"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkspace"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateWorkspaceMutation, CreateWorkspaceMutationVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const CreateFolderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFolder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFolder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"parentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateFolderMutation, CreateFolderMutationVariables>;
export const CreateProgramDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProgram"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"statuses"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProgram"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"folderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"folderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"statuses"},"value":{"kind":"Variable","name":{"kind":"Name","value":"statuses"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"statuses"}}]}}]}}]} as unknown as DocumentNode<CreateProgramMutation, CreateProgramMutationVariables>;
export const SetTokensDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTokens"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ownerId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TokenInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTokens"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ownerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ownerId"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]} as unknown as DocumentNode<SetTokensMutation, SetTokensMutationVariables>;
export const CreateStaticListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateStaticList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStaticList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateStaticListMutation, CreateStaticListMutationVariables>;
export const CreateCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCampaignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CampaignFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConditionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmartListFilter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMoment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Wait"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"advancedLogic"}},{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}}]} as unknown as DocumentNode<CreateCampaignMutation, CreateCampaignMutationVariables>;
export const UpdateCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCampaignInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CampaignFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConditionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SmartListFilter"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"operator"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FlowActionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FlowAction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScore"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValue"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatus"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromList"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlow"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMoment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Wait"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Campaign"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isExecutable"}},{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualificationRule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"every"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}},{"kind":"Field","name":{"kind":"Name","value":"smartList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"advancedLogic"}},{"kind":"Field","name":{"kind":"Name","value":"isValid"}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"triggers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"staticList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"flow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"choices"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"when"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConditionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"action"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FlowActionFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"executes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"stepPosition"}}]}}]}}]} as unknown as DocumentNode<UpdateCampaignMutation, UpdateCampaignMutationVariables>;
export const ActivateCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ActivateCampaignMutation, ActivateCampaignMutationVariables>;
export const UpsertLeadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertLeads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leads"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LeadInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertLeads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workspaceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workspaceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"leads"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leads"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<UpsertLeadsMutation, UpsertLeadsMutationVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}},{"kind":"Field","name":{"kind":"Name","value":"workspaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const SimulateCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimulateCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leadId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TokenInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simulateCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"leadId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leadId"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leadAfter"}}]}}]}}]} as unknown as DocumentNode<SimulateCampaignQuery, SimulateCampaignQueryVariables>;
export const ScheduleCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScheduleCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runAt"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TokenInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"runAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runAt"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ScheduleCampaignMutation, ScheduleCampaignMutationVariables>;
export const RequestCampaignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestCampaign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"leadIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TokenInput"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestCampaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"campaignId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}},{"kind":"Argument","name":{"kind":"Name","value":"leadIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"leadIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RequestCampaignMutation, RequestCampaignMutationVariables>;
export const CancelCampaignRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelCampaignRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelCampaignRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CancelCampaignRunMutation, CancelCampaignRunMutationVariables>;
export const CampaignRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunProgress"}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecuteCampaignFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"executedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"qualified"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}},{"kind":"Field","name":{"kind":"Name","value":"useParentTokenContext"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"KindFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeDataValueActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribute"}},{"kind":"Field","name":{"kind":"Name","value":"valueBefore"}},{"kind":"Field","name":{"kind":"Name","value":"valueAfter"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestedCampaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"deletedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignIsRequestedActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestSource"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromFlowActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stoppedCampaigns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AddToListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RemoveFromListActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"list"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeProgramStatusActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"program"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldStatus"}},{"kind":"Field","name":{"kind":"Name","value":"newStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"resumeAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CallWebhookActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failure"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InterestingMomentActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NewLeadActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Activity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"primaryAttributeValue"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"lead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExecuteCampaignActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecuteCampaignFields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ChangeScoreActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scoreName"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"oldValue"}},{"kind":"Field","name":{"kind":"Name","value":"newValue"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"KindFields"}}]}}]} as unknown as DocumentNode<CampaignRunQuery, CampaignRunQueryVariables>;
export const CampaignRunUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CampaignRunUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"runId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignRunUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"runId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"runId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RunProgress"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TokenFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Token"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RunProgress"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CampaignRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"leadsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"leadsProcessed"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TokenFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CampaignRunUpdatedSubscription, CampaignRunUpdatedSubscriptionVariables>;