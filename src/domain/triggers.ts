import { formatValue } from './lead-state.js';
import {
  type Activity,
  type FieldValue,
  type Run,
  type RunFlowResult,
  type SmartListDefinition,
  TRIGGER_NAMES,
} from './model.js';
import { ownValue } from './own.js';
import { type ChangedValues, listensFor, type TriggerEvent } from './smart-list.js';

/** An ACTIVE trigger campaign: the events it listens for start runs of it (semantics S3). */
export interface Listener {
  id: string;
  smartList: SmartListDefinition;
}

/** Something that happened to a lead that trigger campaigns may listen for (semantics S3). */
export interface LeadEvent {
  leadId: string;
  event: TriggerEvent;
}

/**
 * A TRIGGERED run to queue: the campaign, the leads the event happened to, what fired it (the same
 * for all of them) and, by lead, the trigger tokens that differ from lead to lead (the values).
 */
export interface TriggeredRun {
  campaignId: string;
  leadIds: string[];
  trigger: Record<string, string>;
  leadTriggers: Record<string, Record<string, string>>;
}

/** What fired a run, the same for all its leads, as trigger tokens read it (semantics T8). */
function triggerTokens(event: TriggerEvent): Record<string, string> {
  const tokens: Record<string, string> = { name: TRIGGER_NAMES[event.kind] };
  if (event.kind === 'CAMPAIGN_IS_REQUESTED') tokens.source = event.source;
  if (event.kind === 'DATA_VALUE_CHANGES') tokens.attribute = event.attribute;
  if (event.kind === 'SCORE_IS_CHANGED') tokens.attribute = event.scoreName;
  if (event.kind === 'ADDED_TO_LIST') {
    tokens.list = event.listName ?? event.listId;
    tokens.value = tokens.list;
  }
  return tokens;
}

function valueTokens(values: ChangedValues): Record<string, string> {
  const tokens: Record<string, string> = {};
  if (values.newValue !== undefined) {
    tokens.value = formatValue(values.newValue);
    tokens.newValue = tokens.value;
  }
  if (values.oldValue !== undefined) tokens.oldValue = formatValue(values.oldValue);
  return tokens;
}

/** The trigger tokens of one lead's event that the other leads of its run may not share (semantics T8). */
function leadTriggerTokens(event: TriggerEvent): Record<string, string> {
  if (event.kind === 'DATA_VALUE_CHANGES' || event.kind === 'SCORE_IS_CHANGED') return valueTokens(event);
  if (event.kind === 'LEAD_IS_CREATED' && event.email !== undefined) return { value: event.email };
  return {};
}

/**
 * The trigger tokens a run's flow resolves for one lead (semantics T8): what fired the run and the lead's own
 * values. A run requested through the API is fired by Campaign is Requested from the API.
 */
export function triggerOf(run: Run, leadId: string): Record<string, string> | null {
  if (run.kind === 'REQUESTED') return { name: TRIGGER_NAMES.CAMPAIGN_IS_REQUESTED, source: 'API' };
  if (run.kind !== 'TRIGGERED' || !run.trigger) return null;
  const own = run.leadTriggers ? ownValue(run.leadTriggers, leadId) : undefined;
  return own ? { ...run.trigger, ...own } : run.trigger;
}

/** Where a request came from, for a run started by one (semantics S3: Campaign is Requested); else null. */
export function requestSource(run: Run): string | null {
  if (run.kind === 'REQUESTED') return 'API';
  return run.trigger?.name === TRIGGER_NAMES.CAMPAIGN_IS_REQUESTED ? (run.trigger.source ?? null) : null;
}

/** A field's value before the flow's first change of it and after its last (semantics T8). */
function changedValues(activities: readonly Activity[], type: Activity['type'], key: string, name: string) {
  const changes = activities.filter(
    (activity) => activity.type === type && !activity.attributes.skipped && activity.attributes[key] === name,
  );
  return {
    oldValue: changes[0]?.attributes.oldValue as FieldValue | undefined,
    newValue: changes.at(-1)?.attributes.newValue as FieldValue | undefined,
  };
}

/** The kinds of the events `eventsOf` makes (its type holds it to them). */
export const LEAD_EVENT_KINDS = [
  'DATA_VALUE_CHANGES',
  'SCORE_IS_CHANGED',
  'ADDED_TO_LIST',
] as const satisfies readonly TriggerEvent['kind'][];

/** An event of a kind `eventsOf` makes. */
type FlowEvent = LeadEvent & { event: { kind: (typeof LEAD_EVENT_KINDS)[number] } };

/**
 * The events a flow caused for its lead: changed fields and scores with their values, lists joined
 * (named by `listNames` when known).
 */
export function eventsOf(
  leadId: string,
  result: RunFlowResult,
  listNames: ReadonlyMap<string, string> = new Map(),
): FlowEvent[] {
  const { effects, activities } = result;
  return [
    ...Object.keys(effects.fieldChanges).map((attribute) => ({
      leadId,
      event: {
        kind: 'DATA_VALUE_CHANGES' as const,
        attribute,
        ...changedValues(activities, 'CHANGE_DATA_VALUE', 'attribute', attribute),
      },
    })),
    ...Object.keys(effects.scoreChanges).map((scoreName) => ({
      leadId,
      event: {
        kind: 'SCORE_IS_CHANGED' as const,
        scoreName,
        ...changedValues(activities, 'CHANGE_SCORE', 'scoreName', scoreName),
      },
    })),
    ...effects.listAdds.map((listId) => ({
      leadId,
      event: { kind: 'ADDED_TO_LIST' as const, listId, ...ownListName(listNames, listId) },
    })),
  ];
}

function ownListName(listNames: ReadonlyMap<string, string>, listId: string): { listName?: string } {
  const listName = listNames.get(listId);
  return listName === undefined ? {} : { listName };
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
    const byTrigger = new Map<
      string,
      Omit<TriggeredRun, 'campaignId' | 'leadIds'> & { leadIds: Set<string> }
    >();
    for (const { leadId, event } of events) {
      if (!listensFor(campaign.smartList, event)) continue;
      const trigger = triggerTokens(event);
      const key = JSON.stringify(trigger);
      const group = byTrigger.get(key) ?? { leadIds: new Set(), trigger, leadTriggers: {} };
      group.leadIds.add(leadId);
      const own = leadTriggerTokens(event);
      if (Object.keys(own).length > 0) group.leadTriggers[leadId] = own;
      byTrigger.set(key, group);
    }
    for (const { leadIds, trigger, leadTriggers } of byTrigger.values()) {
      runs.push({ campaignId: campaign.id, leadIds: [...leadIds], trigger, leadTriggers });
    }
  }
  return runs;
}

/**
 * Request Campaign (semantics F5): a run of each requested campaign for the leads handed to it, for the
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
    return [{ campaignId, leadIds: [...leadIds], trigger: triggerTokens(event), leadTriggers: {} }];
  });
}
