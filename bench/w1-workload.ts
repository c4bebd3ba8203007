/**
 * Workload W1 (issue #5), shared by the run and stream benchmarks: a scratch database, the
 * workspace, its campaigns and leads, and the job queue's way of running a run's chunks.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { databaseUrlFor, withClient } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { Campaign } from '../src/db/entities/campaign.entity.js';
import { CampaignRun } from '../src/db/entities/campaign-run.entity.js';
import { LeadField } from '../src/db/entities/lead-field.entity.js';
import { Program } from '../src/db/entities/program.entity.js';
import { Workspace } from '../src/db/entities/workspace.entity.js';
import { migrateUp } from '../src/db/migrate.js';
import type { Orm } from '../src/db/orm.js';

/** Chunks processed at a time, as the job worker's default concurrency. */
export const CONCURRENCY = 2;

const always = { rule: 'ALL' as const, filters: [], triggers: [] };

/** The workspace, its campaigns and N leads, half of them in Group 0 (the ones B lets in). */
export async function seedW1(orm: Orm, leadCount: number) {
  const em = orm.em.fork();
  const workspace = em.create(Workspace, { name: 'W1' });
  const program = em.create(Program, { workspace, name: 'W1', statuses: ['Member'] });
  em.create(LeadField, { workspace, name: 'Group', type: 'INTEGER' });
  em.create(LeadField, { workspace, name: 'Segment', type: 'STRING' });
  const campaign = (name: string, extra: Partial<Campaign>) =>
    em.create(Campaign, {
      workspace,
      program,
      name,
      smartList: always,
      flow: [],
      qualificationRule: { kind: 'EVERY_TIME' },
      ...extra,
    });
  const listener = campaign('T', {
    status: 'ACTIVE',
    smartList: { ...always, triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] },
  });
  const c = campaign('C', {
    isExecutable: true,
    flow: [{ id: 'c1', action: { type: 'changeScore', scoreName: 'score', change: '+3' }, choices: [] }],
  });
  await em.flush();
  const b = campaign('B', {
    isExecutable: true,
    smartList: {
      ...always,
      filters: [{ kind: 'ATTRIBUTE', attribute: 'Group', operator: 'IS', values: ['0'] }],
    },
    flow: [
      { id: 'b1', action: { type: 'changeScore', scoreName: 'score', change: '+2' }, choices: [] },
      {
        id: 'b2',
        action: { type: 'executeCampaign', campaignId: c.id, useParentTokenContext: true },
        choices: [],
      },
    ],
  });
  await em.flush();
  const flowA: Pick<Campaign, 'flow'> = {
    flow: [
      { id: 'a1', action: { type: 'changeScore', scoreName: 'score', change: '+1' }, choices: [] },
      { id: 'a2', action: { type: 'changeDataValue', attribute: 'Segment', value: 'w1' }, choices: [] },
      {
        id: 'a3',
        action: { type: 'executeCampaign', campaignId: b.id, useParentTokenContext: true },
        choices: [],
      },
      { id: 'a4', action: { type: 'requestCampaign', campaignId: listener.id }, choices: [] },
    ],
  };
  const a = campaign('A', flowA);
  // A with one activity-history filter (semantics S5) that every lead passes once A has run for it.
  const aWithHistory = campaign('A with history', {
    ...flowA,
    smartList: {
      ...always,
      filters: [
        {
          kind: 'HAD_ACTIVITY',
          activity: { type: 'CHANGE_DATA_VALUE', attribute: 'Segment', newValue: 'w1', withinDays: 30 },
        },
      ],
    },
  });
  await em.flush();
  await em.getConnection().execute(
    `insert into lead (workspace_id, email, fields, created_at, updated_at)
     select ?, 'lead' || g || '@example.com', jsonb_build_object('Group', g % 2), now(), now() from generate_series(1, ?) g`,
    [workspace.id, leadCount],
  );
  return {
    workspaceId: workspace.id,
    a: a.id,
    aWithHistory: aWithHistory.id,
    b: b.id,
    c: c.id,
    listener: listener.id,
  };
}

export async function newRun(orm: Orm, workspaceId: string, campaignId: string): Promise<string> {
  const em = orm.em.fork();
  const run = em.create(CampaignRun, {
    workspace: workspaceId,
    campaign: campaignId,
    kind: 'BATCH',
    status: 'QUEUED',
  });
  await em.flush();
  return run.id;
}

/** Runs `work` over the items with a fixed number of concurrent workers, as the job queue would. */
export async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * Runs `work` on a fresh migrated database of DATABASE_URL's server (or of an embedded PostgreSQL
 * started in a temporary folder), and drops it afterwards whatever happens.
 */
export async function withBenchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const config = loadConfig();
  let serverUrl = config.databaseUrl ? databaseUrlFor(config.databaseUrl, 'postgres') : undefined;
  let stopServer = async () => {};
  let scratch: string | undefined;
  if (!serverUrl) {
    scratch = await mkdtemp(path.join(tmpdir(), 'campaign-engine-bench-'));
    await chmod(scratch, 0o755);
    const server = await startEmbeddedPostgres(path.join(scratch, 'postgres'), pino({ level: 'silent' }));
    serverUrl = server.adminUrl;
    stopServer = server.stop;
  }
  const admin = serverUrl;
  const database = `bench_${randomBytes(4).toString('hex')}`;
  await withClient(admin, (client) => client.query(`create database ${database}`));
  try {
    const url = databaseUrlFor(admin, database);
    await migrateUp(url);
    await work(url);
  } finally {
    await withClient(admin, (client) => client.query(`drop database if exists ${database} with (force)`));
    await stopServer();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
