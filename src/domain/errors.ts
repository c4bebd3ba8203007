/** The contract's ProblemCode: why an operation is refused or why a campaign cannot run as defined. */
export const PROBLEM_CODES = [
  'WAIT_IN_EXECUTABLE',
  'WEBHOOK_IN_EXECUTABLE',
  'WEBHOOK_TARGET_NOT_ALLOWED',
  'TRIGGER_IN_EXECUTABLE',
  'EXECUTE_TARGET_NOT_EXECUTABLE',
  'CROSS_WORKSPACE_EXECUTE',
  'EXECUTION_DEPTH_EXCEEDED',
  'EXECUTION_CYCLE',
  'INVALID_SMART_LIST',
  'CLONE_WITH_TRIGGERS',
  'NOT_SCHEDULABLE',
  'NOT_REQUESTABLE',
  'INVALID_TOKEN',
  'UNDEFINED_TOKEN',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** A problem found by a validator: validators return these rather than throw. */
export interface Problem {
  code: ProblemCode;
  message: string;
}

/** A problem of one campaign; `stepPosition` (1-based) when one flow step causes it. */
export interface CampaignProblem extends Problem {
  campaignId: string;
  stepPosition: number | null;
}

/** A problem a campaign save is refused for or would report; `campaignId` null for a campaign being created. */
export interface SaveProblem extends Problem {
  campaignId: string | null;
  stepPosition: number | null;
}

/** A problem of a smart-list definition; `filterPosition` (1-based) when one filter causes it. */
export interface SmartListProblem extends Problem {
  filterPosition: number | null;
}

/** Why an operation is refused: a ProblemCode, input that does not fit, or a reference to nothing. */
export type RefusalCode = ProblemCode | 'BAD_USER_INPUT' | 'NOT_FOUND';

/**
 * A refused operation, thrown before anything is written; the server shows its message and code
 * to the client as they are.
 */
export class DomainError extends Error {
  readonly code: RefusalCode;
  /** Every problem the operation is refused for, when it checks a campaign (the first one's code is `code`). */
  readonly problems: readonly SaveProblem[];

  constructor(code: RefusalCode, message: string, problems: readonly SaveProblem[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.problems = problems;
  }
}
