import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../db/sql/query.js';
import { type RunFlowResult, TRIGGER_NAMES } from '../domain/model.js';
import { listensFor, type TriggerEvent } from '../domain/smart-list.js';
import type { Listener } from './definitions.js';
import { JOBS } from './jobs.js';

/** Something that happened to a lead that trigger campaigns may listen for (S3). */
export interface LeadEvent {
  leadId: string;
  event: TriggerEvent;
}

/** What fired a run, as trigger tokens read it ({{trigger.name}}, {{trigger.attribute}}...). */
function triggerTokens(event: TriggerEvent): Record<string, string> {
  const tokens: Record<string, string> = { name: TRIGGER_NAMES[event.kind] };
  if (event.kind === 'DATA_VALUE_CHANGES') tokens.attribute = event.attribute;
  if (event.kind === 'SCORE_IS_CHANGED') tokens.attribute = event.scoreName;
  if (event.kind === 'ADDED_TO_LIST') tokens.list = event.listId;
  return tokens;
}

/** The events a chunk's flows caused: changed fields and scores, lists joined. */
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

/**
 * Inserts TRIGGERED runs with their plan jobs in the caller's transaction, at `depth` (see
 * `CampaignRun.triggerDepth`). Past `MAX_TRIGGER_DEPTH` a run is inserted CANCELLED with the reason
 * and no job, so the stopped loop shows in the campaign's runs instead of vanishing.
 */
export async function insertTriggeredRuns(
  em: EntityManager,
  depth: number,
  runs: { workspace_id: string; campaign_id: string; lead_ids: string[]; trigger: Record<string, string> }[],
): Promise<void> {
  if (runs.length === 0) return;
  const stopped = depth > MAX_TRIGGER_DEPTH;
  await query(
    em,
    `with triggered as (
       insert into campaign_run (workspace_id, campaign_id, kind, status, scheduled_for, finished_at, error,
                                 lead_ids, tokens, "trigger", trigger_depth, created_at)
       select r.workspace_id, r.campaign_id, 'TRIGGERED', ?, now(), ?, ?, r.lead_ids, '[]', r.trigger, ?, now()
       from jsonb_to_recordset(?::jsonb) as r(workspace_id bigint, campaign_id bigint, lead_ids jsonb, trigger jsonb)
       returning id, status)
     select graphile_worker.add_job(?, json_build_object('runId', id::text), job_key := 'run:' || id || ':plan')
     from triggered where status = 'QUEUED'`,
    [
      stopped ? 'CANCELLED' : 'QUEUED',
      stopped ? new Date() : null,
      stopped
        ? `Stopped: it would be run ${depth} of a chain of runs triggering one another (at most ${MAX_TRIGGER_DEPTH}); a trigger loop?`
        : null,
      depth,
      JSON.stringify(runs),
      JOBS.planRun,
    ],
  );
}

/**
 * Gives every ACTIVE trigger campaign of the workspace that listens for one of the events a
 * TRIGGERED run for the leads concerned, queued with its job in the caller's transaction: the events
 * and the runs they start commit together. Whether each lead passes the campaign's filters and
 * qualification rule is decided when the run starts. `depth` is the new runs' trigger depth.
 */
export async function queueTriggeredRuns(
  em: EntityManager,
  workspaceId: string,
  listeners: Listener[],
  events: LeadEvent[],
  depth: number,
): Promise<void> {
  if (events.length === 0) return;
  const runs: {
    workspace_id: string;
    campaign_id: string;
    lead_ids: string[];
    trigger: Record<string, string>;
  }[] = [];
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
      runs.push({ workspace_id: workspaceId, campaign_id: campaign.id, lead_ids: [...leadIds], trigger });
    }
  }
  await insertTriggeredRuns(em, depth, runs);
}
