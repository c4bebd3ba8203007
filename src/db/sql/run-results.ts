import type { EntityManager } from '@mikro-orm/postgresql';
import type { ResultCount, ResultKind } from '../../domain/run-results.js';
import { query, requireTransaction } from './query.js';

/**
 * Adds flows' result counters to their run's (semantics A4), in the caller's transaction: the one that
 * writes the activities they count, so that a counter counts each exactly once (semantics R4). Every
 * writer locks the rows in the same order: no deadlock.
 */
export async function addRunResults(em: EntityManager, runId: string, counts: readonly ResultCount[]) {
  if (counts.length === 0) return;
  requireTransaction(em, 'run results');
  await query(
    em,
    `insert into run_result_count (run_id, campaign_id, kind, position, key, count)
     select ?, c.campaign_id, c.kind, c.position, c.key, c.count
     from jsonb_to_recordset(?::jsonb) as c(campaign_id bigint, kind text, position int, key text, count int)
     order by c.campaign_id, c.kind, c.position, c.key collate "C"
     on conflict (run_id, campaign_id, kind, position, key)
     do update set count = run_result_count.count + excluded.count`,
    [
      runId,
      JSON.stringify(
        counts.map((count) => ({
          campaign_id: count.campaignId,
          kind: count.kind,
          position: count.position,
          key: count.key,
          count: count.count,
        })),
      ),
    ],
  );
}

interface CountRow {
  campaign_id: string;
  kind: ResultKind;
  position: number;
  key: string;
  count: string;
}

const toCount = (row: CountRow): ResultCount => ({
  campaignId: String(row.campaign_id),
  kind: row.kind,
  position: row.position,
  key: row.key,
  count: Number(row.count),
});

/** A run's result counters, of every campaign its flows ran (through its primary key). */
export async function runResultCounts(em: EntityManager, runId: string): Promise<ResultCount[]> {
  const rows = await query<CountRow>(
    em,
    'select campaign_id::text, kind, position, key, count from run_result_count where run_id = ?',
    [runId],
  );
  return rows.map(toCount);
}

/**
 * A campaign's result counters summed over the runs that started in [since, until) (either end
 * open when null), its own runs and those whose flows executed it.
 */
export async function campaignResultCounts(
  em: EntityManager,
  campaignId: string,
  window: { since: Date | null; until: Date | null },
): Promise<ResultCount[]> {
  const rows = await query<CountRow>(
    em,
    `select c.campaign_id::text, c.kind, c.position, c.key, sum(c.count)::text as count
     from run_result_count c join campaign_run r on r.id = c.run_id
     where c.campaign_id = ?
       and (?::timestamptz is null or r.started_at >= ?::timestamptz)
       and (?::timestamptz is null or r.started_at < ?::timestamptz)
     group by c.campaign_id, c.kind, c.position, c.key`,
    [campaignId, window.since, window.since, window.until, window.until],
  );
  return rows.map(toCount);
}
