import { type Run, type RunFlowResult, type SmartListDefinition, TRIGGER_NAMES } from './model.js';
import { listensFor, type TriggerEvent } from './smart-list.js';

/** An ACTIVE trigger campaign: the events it listens for start runs of it (S3). */
export interface Listener {
  id: string;
  smartList: SmartListDefinition;
}

/** Something that happened to a lead that trigger campaigns may listen for (S3). */
export interface LeadEvent {
  leadId: string;
  event: TriggerEvent;
}

/** A TRIGGERED run to queue: the campaign, the leads the event happened to, and what fired it. */
export interface TriggeredRun {
  campaignId: string;
  leadIds: string[];
  trigger: Record<string, string>;
}

/** What fired a run, as trigger tokens read it ({{trigger.name}}, {{trigger.attribute}}...). */
function triggerTokens(event: TriggerEvent): Record<string, string> {
  const tokens: Record<string, string> = { name: TRIGGER_NAMES[event.kind] };
  if (event.kind === 'CAMPAIGN_IS_REQUESTED') tokens.source = event.source;
  if (event.kind === 'DATA_VALUE_CHANGES') tokens.attribute = event.attribute;
  if (event.kind === 'SCORE_IS_CHANGED') tokens.attribute = event.scoreName;
  if (event.kind === 'ADDED_TO_LIST') tokens.list = event.listId;
  return tokens;
}

/** Where a request came from, for a run started by one (S3: Campaign is Requested); else null. */
export function requestSource(run: Run): string | null {
  if (run.kind === 'REQUESTED') return 'API';
  return run.trigger?.name === TRIGGER_NAMES.CAMPAIGN_IS_REQUESTED ? (run.trigger.source ?? null) : null;
}

/** The events a flow caused for its lead: changed fields and scores, lists joined. */
export function eventsOf(leadId: string, result: RunFlowResult): LeadEvent[] {
  const { effects } = result;
  return [
    ...Object.keys(effects.fieldChanges).map((attribute) => ({
      leadId,
      event: { kind: 'DATA_VALUE_CHANGES' as const, attribute },
    })),
    ...Object.keys(effects.scoreChanges).map((scoreName) => ({
      leadId,
      event: { kind: 'SCORE_IS_CHANGED' as const, scoreName },
    })),
    ...effects.listAdds.map((listId) => ({ leadId, event: { kind: 'ADDED_TO_LIST' as const, listId } })),
  ];
}

/**
 * Runs that triggered one another beyond this depth are stopped: a listener whose flow raises the
 * event it listens for (an EVERY_TIME "Score is Changed" campaign that changes the score) would
 * otherwise run forever.
 */
export const MAX_TRIGGER_DEPTH = 10;

/** Why a run at `depth` is not started, or null when it may run. */
export function triggerLoopStop(depth: number): string | null {
  return depth > MAX_TRIGGER_DEPTH
    ? `Stopped: it would be run ${depth} of a chain of runs triggering one another (at most ${MAX_TRIGGER_DEPTH}); a trigger loop?`
    : null;
}

/**
 * One TRIGGERED run per listener and distinct trigger for the leads concerned: every listener that
 * listens for an event gets it. Whether each lead passes the campaign's filters and qualification
 * rule is decided when the run starts.
 */
export function triggeredRuns(listeners: readonly Listener[], events: readonly LeadEvent[]): TriggeredRun[] {
  const runs: TriggeredRun[] = [];
  for (const campaign of listeners) {
    const byTrigger = new Map<string, { leadIds: Set<string>; trigger: Record<string, string> }>();
    for (const { leadId, event } of events) {
      if (!listensFor(campaign.smartList, event)) continue;
      const trigger = triggerTokens(event);
      const key = JSON.stringify(trigger);
      const group = byTrigger.get(key) ?? { leadIds: new Set(), trigger };
      group.leadIds.add(leadId);
      byTrigger.set(key, group);
    }
    for (const { leadIds, trigger } of byTrigger.values()) {
      runs.push({ campaignId: campaign.id, leadIds: [...leadIds], trigger });
    }
  }
  return runs;
}

/**
 * Request Campaign (F5): a run of each requested campaign for the leads handed to it, for the
 * targets that are active (among `listeners`) and listen for requests from flow actions.
 */
export function requestedRuns(
  listeners: readonly Listener[],
  requested: ReadonlyMap<string, readonly string[]>,
): TriggeredRun[] {
  const event = { kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' } as const;
  return [...requested].flatMap(([campaignId, leadIds]) => {
    const target = listeners.find((listener) => listener.id === campaignId);
    if (!target || !listensFor(target.smartList, event)) return [];
    return [{ campaignId, leadIds: [...leadIds], trigger: triggerTokens(event) }];
  });
}
