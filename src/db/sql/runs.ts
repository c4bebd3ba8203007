import type { EntityManager } from '@mikro-orm/postgresql';
import type { Run } from '../../domain/model.js';
import { type TriggeredRun, triggerLoopStop } from '../../domain/triggers.js';
import type { RunToken } from '../entities/campaign-run.entity.js';
import { addPlanJobs } from './jobs.js';
import { query, requireTransaction } from './query.js';

/**
 * Inserts TRIGGERED runs of the workspace with their plan jobs in the caller's transaction, at
 * `depth` (see `CampaignRun.triggerDepth`). A run past the trigger-loop limit is inserted CANCELLED
 * with the reason and no job, so the stopped loop shows in the campaign's runs instead of vanishing.
 */
export async function insertTriggeredRuns(
  em: EntityManager,
  workspaceId: string,
  depth: number,
  runs: readonly TriggeredRun[],
): Promise<void> {
  if (runs.length === 0) return;
  requireTransaction(em, 'triggered runs and their jobs');
  const stop = triggerLoopStop(depth);
  const inserted = await query<{ id: string }>(
    em,
    `insert into campaign_run (workspace_id, campaign_id, kind, status, scheduled_for, finished_at, error,
                               lead_ids, tokens, "trigger", lead_triggers, trigger_depth, created_at)
     select ?, r.campaign_id, 'TRIGGERED', ?, now(), ?, ?, r.lead_ids, '[]', r.trigger, r.lead_triggers, ?, now()
     from jsonb_to_recordset(?::jsonb) as r(campaign_id bigint, lead_ids jsonb, trigger jsonb, lead_triggers jsonb)
     returning id::text`,
    [
      workspaceId,
      stop ? 'CANCELLED' : 'QUEUED',
      stop ? new Date() : null,
      stop,
      depth,
      JSON.stringify(
        runs.map((run) => ({
          campaign_id: run.campaignId,
          lead_ids: run.leadIds,
          trigger: run.trigger,
          lead_triggers: Object.keys(run.leadTriggers).length > 0 ? run.leadTriggers : null,
        })),
      ),
    ],
  );
  if (!stop) await addPlanJobs(em, inserted);
}

/** Saves chunks of a planned run's audience, numbered on from `firstSeq`. */
export async function insertChunks(
  em: EntityManager,
  runId: string,
  firstSeq: number,
  chunks: string[][],
): Promise<void> {
  await query(
    em,
    `insert into run_chunk (run_id, seq, lead_ids)
     select ?, ? + c.position - 1, c.lead_ids from jsonb_array_elements(?::jsonb) with ordinality as c(lead_ids, position)`,
    [runId, firstSeq, JSON.stringify(chunks)],
  );
}

/** A run as a chunk or a resumed wait runs it: the domain's run and what its writes need. */
export interface ClaimedRun {
  workspaceId: string;
  campaignId: string;
  run: Run;
  triggerDepth: number;
  graphVersion: string;
}

interface ClaimRow {
  workspace_id: string;
  campaign_id: string;
  kind: Run['kind'];
  tokens: RunToken[];
  trigger: Record<string, string> | null;
  lead_triggers: Record<string, Record<string, string>> | null;
  trigger_depth: number;
  graph_version: string;
}

const CLAIMED_COLUMNS =
  'r.workspace_id, r.campaign_id, r.kind, r.tokens, r."trigger", r.lead_triggers, r.trigger_depth, w.graph_version';

function claimedRun(runId: string, row: ClaimRow): ClaimedRun {
  return {
    workspaceId: String(row.workspace_id),
    campaignId: String(row.campaign_id),
    run: {
      id: runId,
      kind: row.kind,
      tokens: Object.fromEntries(row.tokens.map((token) => [token.name, token.value])),
      trigger: row.trigger,
      leadTriggers: row.lead_triggers,
    },
    triggerDepth: row.trigger_depth,
    graphVersion: String(row.graph_version),
  };
}

/**
 * Claims a chunk of a RUNNING run: marks it complete (undone with everything else if the caller's
 * transaction fails) and holds its row lock to the commit, so a second worker on the same chunk
 * waits, then finds it done. Null when the chunk was already applied or the run is not RUNNING.
 */
export async function claimChunk(
  em: EntityManager,
  runId: string,
  seq: number,
  now: Date,
): Promise<{ claimed: ClaimedRun; leadIds: string[] } | null> {
  const [row] = await query<ClaimRow & { lead_ids: string[] }>(
    em,
    `update run_chunk c set completed_at = ?
     from campaign_run r join workspace w on w.id = r.workspace_id
     where c.run_id = ? and c.seq = ? and c.completed_at is null and r.id = c.run_id and r.status = 'RUNNING'
     returning c.lead_ids, ${CLAIMED_COLUMNS}`,
    [now, runId, seq],
  );
  return row ? { claimed: claimedRun(runId, row), leadIds: row.lead_ids } : null;
}

/** The run a suspended flow resumes in. */
export async function runToResume(em: EntityManager, runId: string): Promise<ClaimedRun> {
  const [row] = await query<ClaimRow>(
    em,
    `select ${CLAIMED_COLUMNS} from campaign_run r join workspace w on w.id = r.workspace_id where r.id = ?`,
    [runId],
  );
  if (!row) throw new Error(`run ${runId} does not exist`);
  return claimedRun(runId, row);
}

/** Adds a chunk's leads to the run's progress counters. */
export async function addToRunCounters(
  em: EntityManager,
  runId: string,
  counts: { processed: number; qualified: number },
): Promise<void> {
  await query(
    em,
    'update campaign_run set leads_processed = leads_processed + ?, leads_qualified = leads_qualified + ? where id = ?',
    [counts.processed, counts.qualified, runId],
  );
}

/** Marks a run that has not finished FAILED with the reason; false when it had finished. */
export async function failRun(em: EntityManager, runId: string, reason: string): Promise<boolean> {
  const failed = await query(
    em,
    `update campaign_run set status = 'FAILED', finished_at = now(), error = ?
     where id = ? and status not in ('COMPLETED', 'FAILED', 'CANCELLED') returning id`,
    [reason, runId],
  );
  return failed.length > 0;
}

/**
 * Fails the run for its chunk `seq`, unless that chunk is applied: a last try may commit its chunk
 * and stop before its job is marked done. The chunk's row is locked first, so that a try applying
 * it at this moment is waited for and counts.
 */
export async function failRunForChunk(
  em: EntityManager,
  runId: string,
  seq: number,
  reason: string,
): Promise<boolean> {
  const failed = await query(
    em,
    `with pending as (select 1 from run_chunk where run_id = ? and seq = ? and completed_at is null for update)
     update campaign_run set status = 'FAILED', finished_at = now(), error = ?
     where id = ? and status not in ('COMPLETED', 'FAILED', 'CANCELLED') and exists (select 1 from pending)
     returning id`,
    [runId, seq, reason, runId],
  );
  return failed.length > 0;
}

/** Marks a run COMPLETED once every chunk is applied; safe to call from every chunk's worker. */
export async function completeRunIfDone(em: EntityManager, runId: string, now: Date): Promise<void> {
  await query(
    em,
    `update campaign_run set status = 'COMPLETED', finished_at = ?
     where id = ? and status = 'RUNNING'
       and not exists (select 1 from run_chunk where run_id = ? and completed_at is null)`,
    [now, runId, runId],
  );
}
