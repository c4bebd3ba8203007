import type { StepVisit } from './flow-records.js';
import { ACTIVITY_TYPES, type Activity, type ActivityType, type FlowStep } from './model.js';

/**
 * What a results counter counts (semantics A4): leads that reached a step, the branch of a step that ran
 * (`key`: the 1-based choice, `0` for the default action), Execute Campaign verdicts (`key`: the FALSE
 * reason) and activities (`key`: the type; position 0).
 */
export const RESULT_KINDS = ['REACHED', 'BRANCH', 'QUALIFIED', 'NOT_QUALIFIED', 'ACTIVITY'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

/** One counter of a run's results, kept by campaign: the campaign whose flow holds the step or wrote the activity. */
export interface ResultCount {
  campaignId: string;
  kind: ResultKind;
  /** The 1-based step; 0 for activities. */
  position: number;
  key: string;
  count: number;
}

/** One step's counters, each made the first time a lead counts in it. */
interface StepCounters {
  reached: ResultCount;
  branches: Map<number, ResultCount>;
  QUALIFIED: Map<string, ResultCount>;
  NOT_QUALIFIED: Map<string, ResultCount>;
}

/**
 * The counters of what flows did (semantics A4), summed over their leads, in the order each was
 * first counted. A chunk adds a few dozen counters per lead: each is found through maps by its parts
 * (campaign, step, branch or reason or type), without building a key, and an object is made only
 * for a counter not seen yet.
 */
export function resultCounts(
  flows: readonly { steps: readonly StepVisit[]; activities: readonly Activity[] }[],
): ResultCount[] {
  const counts: ResultCount[] = [];
  const counter = <Lookup>(
    counters: Map<Lookup, ResultCount>,
    lookup: Lookup,
    campaignId: string,
    kind: ResultKind,
    position: number,
    key: string,
  ): ResultCount => {
    const made = { campaignId, kind, position, key, count: 0 };
    counters.set(lookup, made);
    counts.push(made);
    return made;
  };
  const stepsByCampaign = new Map<string, Map<number, StepCounters>>();
  const stepCounters = (campaignId: string, position: number): StepCounters => {
    let steps = stepsByCampaign.get(campaignId);
    if (!steps) {
      steps = new Map();
      stepsByCampaign.set(campaignId, steps);
    }
    let step = steps.get(position);
    if (!step) {
      const reached = { campaignId, kind: 'REACHED' as const, position, key: '', count: 0 };
      counts.push(reached);
      step = { reached, branches: new Map(), QUALIFIED: new Map(), NOT_QUALIFIED: new Map() };
      steps.set(position, step);
    }
    return step;
  };
  const activitiesByCampaign = new Map<string, Map<string, ResultCount>>();
  for (const flow of flows) {
    for (const { campaignId, position, choice, execution } of flow.steps) {
      const step = stepCounters(campaignId, position);
      step.reached.count += 1;
      const branch = choice ?? 0;
      const branchCount =
        step.branches.get(branch) ??
        counter(step.branches, branch, campaignId, 'BRANCH', position, String(branch));
      branchCount.count += 1;
      if (execution) {
        const kind = execution.qualified ? 'QUALIFIED' : 'NOT_QUALIFIED';
        const reason = execution.reason ?? '';
        const verdicts = step[kind];
        const verdictCount =
          verdicts.get(reason) ?? counter(verdicts, reason, campaignId, kind, position, reason);
        verdictCount.count += 1;
      }
    }
    for (const { campaignId, type } of flow.activities) {
      let byType = activitiesByCampaign.get(campaignId);
      if (!byType) {
        byType = new Map();
        activitiesByCampaign.set(campaignId, byType);
      }
      const typeCount = byType.get(type) ?? counter(byType, type, campaignId, 'ACTIVITY', 0, type);
      typeCount.count += 1;
    }
  }
  return counts;
}

/** The contract's StepResult (semantics A4). */
export interface StepResult {
  /** 1-based. */
  position: number;
  reached: number;
  /** Leads by the branch that ran: `choice` 1-based, null for the default action. */
  branches: { choice: number | null; count: number }[];
  /** Null unless the step executes a campaign (in its default action or a choice) or did. */
  executeQualified: number | null;
  executeNotQualified: number | null;
  notQualifiedByReason: { reason: string; count: number }[] | null;
}

/** The contract's CampaignResults (semantics A4). */
export interface CampaignResults {
  steps: StepResult[];
  activitiesByType: { type: ActivityType; count: number }[];
}

function executes(step: FlowStep | undefined): boolean {
  if (!step) return false;
  return [step.action, ...step.choices.map((choice) => choice.action)].some(
    (action) => action?.type === 'executeCampaign',
  );
}

/**
 * A campaign's results from its counters (semantics A4): one row per step of its flow as it is now and per
 * step beyond it that counted leads (a flow shortened since), and activities by type in the
 * contract's order. `stepCounts` are the campaign's own; `activityCounts` whichever the caller sums.
 */
export function campaignResults(
  flow: readonly FlowStep[],
  stepCounts: readonly ResultCount[],
  activityCounts: readonly ResultCount[],
): CampaignResults {
  const byPosition = new Map<number, ResultCount[]>();
  for (const count of stepCounts) {
    if (count.kind === 'ACTIVITY') continue;
    byPosition.set(count.position, [...(byPosition.get(count.position) ?? []), count]);
  }
  const last = Math.max(flow.length, ...byPosition.keys());
  const steps = Array.from({ length: last }, (_, index): StepResult => {
    const counts = byPosition.get(index + 1) ?? [];
    const sum = (kind: ResultKind) =>
      counts.filter((count) => count.kind === kind).reduce((total, count) => total + count.count, 0);
    const branches = counts
      .filter((count) => count.kind === 'BRANCH')
      .map((count) => ({ choice: count.key === '0' ? null : Number(count.key), count: count.count }))
      .sort((a, b) => (a.choice ?? 0) - (b.choice ?? 0));
    const executed = executes(flow[index]) || counts.some((count) => count.kind.endsWith('QUALIFIED'));
    const reasons = counts
      .filter((count) => count.kind === 'NOT_QUALIFIED')
      .map((count) => ({ reason: count.key, count: count.count }))
      .sort((a, b) => (a.reason < b.reason ? -1 : 1));
    return {
      position: index + 1,
      reached: sum('REACHED'),
      branches,
      executeQualified: executed ? sum('QUALIFIED') : null,
      executeNotQualified: executed ? sum('NOT_QUALIFIED') : null,
      notQualifiedByReason: executed ? reasons : null,
    };
  });
  const byType = new Map<string, number>();
  for (const count of activityCounts) {
    if (count.kind === 'ACTIVITY') byType.set(count.key, (byType.get(count.key) ?? 0) + count.count);
  }
  const activitiesByType = ACTIVITY_TYPES.filter((type) => byType.has(type)).map((type) => ({
    type,
    count: byType.get(type) as number,
  }));
  return { steps, activitiesByType };
}
