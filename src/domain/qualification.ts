import type { CampaignHistory, Qualification, QualificationRule, RuleVerdict, TimeUnit } from './model.js';

const HOUR_MS = 3_600_000;

/** Length of one unit of a ONCE_EVERY rule: a day is 24 hours, a month 30 days (semantics Q1). */
export const UNIT_MS: Readonly<Record<TimeUnit, number>> = {
  HOURS: HOUR_MS,
  DAYS: 24 * HOUR_MS,
  WEEKS: 7 * 24 * HOUR_MS,
  MONTHS: 30 * 24 * HOUR_MS,
};

function period(rule: QualificationRule): number | null {
  const every = rule.every ?? 0;
  const unit = rule.unit ? UNIT_MS[rule.unit] : undefined;
  return Number.isInteger(every) && every > 0 && unit !== undefined ? every * unit : null;
}

/**
 * Whether a lead with this history with the campaign may run through its flow at `now` (semantics Q1), and
 * when it may again. ONCE: never before. EVERY_TIME: always. ONCE_EVERY n unit: never before, or at
 * least n units since the last time. A ONCE_EVERY rule without a usable period behaves as ONCE.
 */
export function ruleVerdict(
  rule: QualificationRule,
  history: CampaignHistory | undefined,
  now: Date,
): RuleVerdict {
  const lastRunAt = history && history.runCount > 0 ? history.lastRunAt : null;
  if (!lastRunAt || rule.kind === 'EVERY_TIME') {
    return { rule, allowed: true, lastRunAt, nextEligibleAt: null };
  }
  const wait = rule.kind === 'ONCE_EVERY' ? period(rule) : null;
  if (wait === null) return { rule, allowed: false, lastRunAt, nextEligibleAt: null };
  const nextEligibleAt = new Date(lastRunAt.getTime() + wait);
  return { rule, allowed: now.getTime() >= nextEligibleAt.getTime(), lastRunAt, nextEligibleAt };
}

/** Whether the rule lets the lead in at `now`: `ruleVerdict(...).allowed`. */
export function qualificationAllows(
  rule: QualificationRule,
  history: CampaignHistory | undefined,
  now: Date,
): boolean {
  return ruleVerdict(rule, history, now).allowed;
}

function ruleName(rule: QualificationRule): string {
  return rule.kind === 'ONCE_EVERY' ? `ONCE_EVERY ${rule.every ?? '?'} ${rule.unit ?? '?'}` : rule.kind;
}

/** A verdict in one sentence (semantics Q3), e.g. `ONCE: last ran through at …, never eligible again`. */
export function describeVerdict(verdict: RuleVerdict): string {
  const name = ruleName(verdict.rule);
  if (!verdict.lastRunAt) return `${name}: never ran through this campaign, eligible`;
  const last = `last ran through at ${verdict.lastRunAt.toISOString()}`;
  if (verdict.rule.kind === 'EVERY_TIME') return `${name}: ${last}, eligible every time`;
  if (!verdict.nextEligibleAt) return `${name}: ${last}, never eligible again`;
  const when = verdict.nextEligibleAt.toISOString();
  return `${name}: ${last}, ${verdict.allowed ? `eligible again since ${when}` : `not eligible before ${when}`}`;
}

/**
 * Why a lead does not qualify, one sentence per cause (semantics Q3): an invalid smart list, the filters it
 * failed, the qualification rule. Empty when it qualifies.
 */
export function qualificationReasons(qualification: Qualification): string[] {
  if (qualification.qualified) return [];
  if (qualification.reason === 'INVALID_SMART_LIST') {
    return [`The smart list is invalid, nobody qualifies: ${qualification.invalidReason}`];
  }
  if (qualification.reason === 'NOT_IN_SMART_LIST') {
    const failed = qualification.explanation.filter((row) => !row.passed);
    const filters = failed.map((row) => `Filter ${row.position} failed: ${row.detail}`);
    return filters.length ? filters : ['The lead does not pass the smart list'];
  }
  return [`Excluded by the qualification rule ${describeVerdict(qualification.rule)}`];
}
