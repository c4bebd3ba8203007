import pino from 'pino';
import {
  ActivitiesDocument,
  type ActivitiesQuery,
  ScheduleCampaignDocument,
} from '../../src/generated/graphql.js';
import type { EventPublisher } from '../../src/pubsub/events.js';
import { startWorker } from '../../src/runs/job-runner.js';
import { planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import type { TestApp } from './app.js';
import { createCampaign, createProgram, upsertLeads, type WorkspaceWithKey } from './factories.js';
import { run } from './graphql.js';

/** Job workers on the test app's database, announcing to `publisher` (the app's bus by default). */
export function startTestWorker(t: TestApp, publisher: EventPublisher | undefined = t.app.events) {
  return startWorker(t.orm, t.database.url, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), {
    publisher,
  });
}

/** Plans and applies every chunk of the run in this process, as the job runner would; suspended leads stay suspended. */
export async function finishRunInline(t: TestApp, runId: string, now = new Date()): Promise<void> {
  for (const seq of await planRun(t.orm, runId, now)) await processChunk(t.orm, runId, seq, now);
  await completeIfDone(t.orm, runId, now);
}

/**
 * A parent batch campaign whose one step executes a child that only leads whose email starts with
 * "q" pass (Qualified TRUE, then the child's Change Score +1), and `leads` leads, half of each kind.
 */
export async function executeScenario(t: TestApp, workspace: WorkspaceWithKey, leads: number) {
  const program = await createProgram(t, workspace, 'Streams');
  const create = (input: Record<string, unknown>) =>
    createCampaign(t, workspace, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input });
  const child = await create({
    name: 'Child',
    executable: true,
    smartList: {
      filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['q'] }],
    },
    flow: [{ action: { changeScore: { change: '+1' } } }],
  });
  const parent = await create({
    name: 'Parent',
    flow: [{ action: { executeCampaign: { campaignId: child } } }],
  });
  const emails = Array.from({ length: leads }, (_, index) => `${index % 2 ? 'n' : 'q'}${index}@example.com`);
  const leadIds = await upsertLeads(
    t,
    workspace,
    emails.map((email) => ({ email })),
  );
  return { program, child, parent, leadIds };
}

/** Schedules a batch campaign now; resolves with the run's id. */
export async function scheduleNow(t: TestApp, key: string, campaignId: string): Promise<string> {
  const { scheduleCampaign } = await run(t, key, ScheduleCampaignDocument, { campaignId });
  return scheduleCampaign.id;
}

/** Waits until the run is COMPLETED (usable in hooks too, unlike expect.poll). */
export async function untilCompleted(
  t: TestApp,
  key: string,
  runId: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { campaignRun } = await run<{ campaignRun: { status: string } }>(
      t,
      key,
      'query ($id: ID!) { campaignRun(id: $id) { status } }',
      { id: runId },
    );
    if (campaignRun.status === 'COMPLETED') return;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${campaignRun.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every activity id Query.activities gives for the filter (after the cursor), in order. */
export async function queriedIds(
  t: TestApp,
  key: string,
  filter: Record<string, unknown> = {},
  after: string | null = null,
): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor = after; ; ) {
    const { activities } = await run<{
      activities: {
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      t,
      key,
      `query ($filter: ActivityFilter, $after: String) {
        activities(filter: $filter, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
      }`,
      { filter, after: cursor },
    );
    ids.push(...activities.edges.map((edge) => edge.node.id));
    if (!activities.pageInfo.hasNextPage) return ids;
    cursor = activities.pageInfo.endCursor;
  }
}

/** The id of the last activity committed so far ("0" when none). */
export async function lastActivityId(t: TestApp): Promise<string> {
  const [row]: { last: string | null }[] = await t.orm.em
    .fork()
    .getConnection()
    .execute('select max(id)::text as last from activity');
  return row?.last ?? '0';
}

/** The run's stored Execute Campaign activities, as Query.activities pages them, oldest first. */
export async function storedExecuteActivities(
  t: TestApp,
  key: string,
  runId: string,
): Promise<{ id: string; qualified: boolean }[]> {
  const stored: { id: string; qualified: boolean }[] = [];
  for (let after: string | null = null; ; ) {
    const { activities }: ActivitiesQuery = await run(t, key, ActivitiesDocument, {
      filter: { runId, types: ['EXECUTE_CAMPAIGN'] },
      first: 100,
      after,
    });
    for (const { node } of activities.edges)
      if (node.__typename === 'ExecuteCampaignActivity')
        stored.push({ id: node.id, qualified: node.qualified });
    if (!activities.pageInfo.hasNextPage) return stored;
    after = activities.pageInfo.endCursor;
  }
}
