/**
 * What flows hand to the runs layer besides activities and effects: where they suspended, the steps
 * they reached (semantics A4) and what a webhook's response mappings could not set (semantics F12).
 */

/** Why an Execute Campaign step (or a top campaign) did not let the lead in (semantics E3, Q2). */
export type NotQualifiedReason =
  | 'NOT_IN_SMART_LIST'
  | 'QUALIFICATION_RULE'
  | 'INVALID_SMART_LIST'
  | 'DEPTH_LIMIT'
  | 'NOT_EXECUTABLE';

/** A webhook response value to copy into a lead field (semantics F12). */
export interface WebhookResponseMapping {
  /** Dotted path into the JSON response, e.g. `data.owner.email`; a whole-number segment indexes an array. */
  path: string;
  field: string;
}

/** What a webhook call answered, for its response mappings (semantics F12). */
export interface WebhookResponse {
  mappings: readonly WebhookResponseMapping[];
  /** The body of a 2xx response as text; null when there is none to map. */
  body: string | null;
  /** Why there is no body to map (the call failed, the body was too long...), recorded for each mapping. */
  unmappable: string | null;
}

/** A response mapping that set nothing, and why (semantics F12). */
export interface MappingFailure {
  path: string;
  field: string;
  reason: string;
}

/** A flow step a lead reached: which branch ran and, for Execute Campaign, its verdict (semantics A4). */
export interface StepVisit {
  /** The campaign whose flow holds the step (an executed child for its own steps). */
  campaignId: string;
  /** 1-based. */
  position: number;
  /** The 1-based choice whose condition held, or null when the step's default action ran. */
  choice: number | null;
  /** The verdict when the branch that ran was Execute Campaign. */
  execution?: { qualified: boolean; reason: NotQualifiedReason | null };
}

/** An HTTP call a webhook step asks for, tokens resolved. */
export interface WebhookRequest {
  url: string;
  method: string;
  body: string | null;
  /** The step's response mappings, fixed when the flow suspends (semantics F12). */
  responseMappings?: readonly WebhookResponseMapping[];
}

/**
 * Where the flow paused: the runs layer carries the wait or call out, then calls `runFlow` again
 * with `startStepIndex: resumeStepIndex`.
 */
export type Suspension =
  | { kind: 'WAIT'; resumeAt: Date; resumeStepIndex: number }
  | { kind: 'WEBHOOK'; request: WebhookRequest; resumeStepIndex: number };
