import type { EntityManager } from '@mikro-orm/postgresql';
import { activityLine, copyActivities } from '../db/sql/activities.js';
import { type FlowEffectRows, writeFlowEffects } from '../db/sql/flow-effects.js';
import { addRunResults } from '../db/sql/run-results.js';
import { addToRunCounters, insertTriggeredRuns } from '../db/sql/runs.js';
import { staticListNames } from '../db/sql/static-lists.js';
import type { FieldValue, Lead, RunFlowResult } from '../domain/model.js';
import { resultCounts } from '../domain/run-results.js';
import {
  eventsOf,
  LEAD_EVENT_KINDS,
  type Listener,
  requestedRuns,
  triggeredRuns,
} from '../domain/triggers.js';

/** What one transaction's flows did, for the leads (locked by the caller) they ran for. */
export interface FlowResults {
  workspaceId: string;
  runId: string;
  leads: Lead[];
  results: RunFlowResult[];
  /** The workspace's ACTIVE trigger campaigns, for the events the flows caused. */
  listeners: Listener[];
  /** The run's trigger depth: runs its flows start are one deeper. */
  triggerDepth: number;
  /** Leads to add to the run's progress counters: a batch chunk's size; none for a resumed wait. */
  processed?: number;
}

/**
 * The final values of the fields a flow touched. The leads are locked for the transaction, so the
 * value the flow computed from is the stored one: writing it loses no concurrent change (semantics R3).
 */
function touchedFields(result: RunFlowResult): Record<string, FieldValue> | null {
  let fields: Record<string, FieldValue> | null = null;
  for (const changes of [result.effects.fieldChanges, result.effects.scoreChanges]) {
    for (const name of Object.keys(changes)) {
      fields ??= {};
      fields[name] = result.leadAfter.fields[name] ?? null;
    }
  }
  return fields;
}

/**
 * Formats instants as ISO texts, each distinct one once (a chunk's rows share a few, most often the
 * same Date: the flows' `now`).
 */
function instantTexts(): (at: Date) => string {
  const texts = new Map<number, string>();
  let last: { at: Date; text: string } | null = null;
  return (at) => {
    if (last?.at === at) return last.text;
    let text = texts.get(at.getTime());
    if (text === undefined) {
      text = at.toISOString();
      texts.set(at.getTime(), text);
    }
    last = { at, text };
    return text;
  };
}

/** Each lead's effects as the rows of the statements that write them. */
function effectRows(flows: FlowResults, now: Date, instant: (at: Date) => string): FlowEffectRows {
  const rows: FlowEffectRows = {
    fields: [],
    listAdds: [],
    listRemoves: [],
    programStatuses: [],
    history: [],
    cancelledWaits: [],
    waits: [],
  };
  flows.results.forEach((result, index) => {
    const leadId = (flows.leads[index] as Lead).id;
    const { effects } = result;
    const fields = touchedFields(result);
    if (fields) rows.fields.push({ id: leadId, fields });
    for (const listId of effects.listAdds) rows.listAdds.push({ list_id: listId, lead_id: leadId });
    for (const listId of effects.listRemoves) rows.listRemoves.push({ list_id: listId, lead_id: leadId });
    for (const [programId, status] of Object.entries(effects.programStatuses)) {
      rows.programStatuses.push({ program_id: programId, lead_id: leadId, status });
    }
    // One row per campaign of the lead's: leads differ, so only its own rows can merge.
    const history = new Map<string, FlowEffectRows['history'][number]>();
    for (const record of effects.history) {
      const row = history.get(record.campaignId);
      if (row) {
        row.runs += 1;
        row.ran_at = instant(record.ranAt);
      } else {
        const added = {
          lead_id: leadId,
          campaign_id: record.campaignId,
          runs: 1,
          ran_at: instant(record.ranAt),
        };
        history.set(record.campaignId, added);
        rows.history.push(added);
      }
    }
    if (result.suspend) {
      rows.waits.push({
        lead_id: leadId,
        kind: result.suspend.kind,
        request: result.suspend.kind === 'WEBHOOK' ? result.suspend.request : null,
        resume_step: result.suspend.resumeStepIndex,
        // A webhook's job is due at once: it makes the call, then resumes the flow.
        resume_at: instant(result.suspend.kind === 'WAIT' ? result.suspend.resumeAt : now),
      });
    }
    for (const campaignId of effects.removedFromFlowCampaignIds) {
      rows.cancelledWaits.push({ lead_id: leadId, campaign_id: campaignId });
    }
  });
  return rows;
}

/** The leads each campaign a Request Campaign step named was requested for (semantics F5). */
function requestedLeads(flows: FlowResults): Map<string, string[]> {
  const requested = new Map<string, string[]>();
  flows.results.forEach((result, index) => {
    const leadId = (flows.leads[index] as Lead).id;
    for (const campaignId of result.effects.requestedCampaignIds) {
      const leadIds = requested.get(campaignId);
      if (leadIds) leadIds.push(leadId);
      else requested.set(campaignId, [leadId]);
    }
  });
  return requested;
}

/** The activities as `activityLine`s. */
function activityLines(flows: FlowResults, instant: (at: Date) => string): string[] {
  const lines: string[] = [];
  flows.results.forEach((result, index) => {
    const place = {
      workspaceId: flows.workspaceId,
      leadId: (flows.leads[index] as Lead).id,
      runId: flows.runId,
    };
    for (const activity of result.activities) {
      lines.push(activityLine(place, activity, instant(activity.occurredAt)));
    }
  });
  return lines;
}

/**
 * Writes what flows did, set-based, a few statements for all the leads, in the caller's
 * transaction: their effects; the runs they start (Request Campaign and triggers, one deeper), each
 * with its job; the run's counters and its results' counters (semantics A4); and the activities last, so that their commit-order lock is
 * held only until the commit (see the activity entity).
 */
export async function applyResults(em: EntityManager, flows: FlowResults): Promise<void> {
  const now = new Date();
  const instant = instantTexts();
  await writeFlowEffects(em, flows, effectRows(flows, now, instant), now);
  const depth = flows.triggerDepth + 1;
  await insertTriggeredRuns(
    em,
    flows.workspaceId,
    depth,
    requestedRuns(flows.listeners, requestedLeads(flows)),
  );
  const heard = new Set(
    flows.listeners.flatMap((listener) => listener.smartList.triggers.map((trigger) => trigger.kind)),
  );
  const joined = heard.has('ADDED_TO_LIST')
    ? new Set(flows.results.flatMap((result) => result.effects.listAdds))
    : [];
  const listNames = await staticListNames(em, [...joined]);
  // Events of kinds no listener hears would trigger nothing: they are not made then.
  const events = LEAD_EVENT_KINDS.some((kind) => heard.has(kind))
    ? flows.results.flatMap((result, index) => eventsOf((flows.leads[index] as Lead).id, result, listNames))
    : [];
  await insertTriggeredRuns(em, flows.workspaceId, depth, triggeredRuns(flows.listeners, events));
  // Last but the activities: the run's row stays locked from here to the commit, so chunks of one
  // run take turns only for this short tail (in the same order as the activities' lock: no deadlock).
  if (flows.processed) {
    await addToRunCounters(em, flows.runId, { processed: flows.processed, qualified: flows.processed });
  }
  await addRunResults(em, flows.runId, resultCounts(flows.results));
  await copyActivities(em, activityLines(flows, instant));
}
