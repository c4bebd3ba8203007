import type { CampaignHistory, QualificationRule, TimeUnit } from './model.js';

const HOUR_MS = 3_600_000;

/** Length of one unit of a ONCE_EVERY rule: a day is 24 hours, a month 30 days (Q1). */
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
 * Whether a lead with this history with the campaign may run through its flow at `now` (Q1).
 * ONCE: never before. EVERY_TIME: always. ONCE_EVERY n unit: never before, or at least n units since
 * the last time. A ONCE_EVERY rule without a usable period behaves as ONCE.
 */
export function qualificationAllows(
  rule: QualificationRule,
  history: CampaignHistory | undefined,
  now: Date,
): boolean {
  if (rule.kind === 'EVERY_TIME' || !history || history.runCount === 0) return true;
  const wait = rule.kind === 'ONCE_EVERY' ? period(rule) : null;
  return wait !== null && now.getTime() - history.lastRunAt.getTime() >= wait;
}
