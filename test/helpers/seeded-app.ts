import { expect } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { type GraphQLResponse, startTestApp, type TestApp } from './app.js';
import { startTestWorker } from './campaign-runs.js';
import {
  createCampaign,
  createScoredProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from './factories.js';
import { run } from './graphql.js';

export const SCHEDULE = `mutation ($campaign: ID!, $runAt: DateTime, $tokens: [TokenInput!]) {
  scheduleCampaign(campaignId: $campaign, runAt: $runAt, tokens: $tokens) { id kind status scheduledFor tokens { name value } }
}`;
const RUN = `query ($id: ID!) { campaignRun(id: $id) {
  status leadsTotal leadsProcessed leadsQualified
  activities { edges { node { type ... on ExecuteCampaignActivity { qualified } } } }
} }`;

/** A finished run as `SeededApp.finished` reads it. */
export type RunView = {
  status: string;
  leadsTotal: number | null;
  leadsProcessed: number;
  activities: { edges: { node: { type: string; qualified?: boolean } }[] };
};

/**
 * The test app with job workers, holding the seed's example: in Acme, a program whose `my.score` is
 * +10, the executable child that changes the score by `{{my.score}}` in a program where it is +0, and
 * two leads (ada@ and grace@example.com); and a second workspace, Globex, that owns nothing.
 */
export interface SeededApp {
  t: TestApp;
  acme: WorkspaceWithKey;
  globex: WorkspaceWithKey;
  /** Acme's program whose `my.score` is +10. */
  program: string;
  /** The seed's executable child campaign. */
  child: string;
  /** A campaign of the +10 program that qualifies every time unless told; resolves with its global id. */
  createAcmeCampaign(input: Record<string, unknown>): Promise<string>;
  /** scheduleCampaign with Acme's key; `extra` may give runAt and tokens. */
  schedule(
    campaign: string,
    extra?: Record<string, unknown>,
  ): Promise<GraphQLResponse<{ scheduleCampaign: { id: string; status: string } }>>;
  /** Waits until the run is COMPLETED and returns it with its activities. */
  finished(runId: string): Promise<RunView>;
  /** How many runs there are, of every workspace. */
  runCount(): Promise<number>;
  /** Stops the job workers and starts new ones on the same database. */
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a SeededApp: see there for what it holds. */
export async function startSeededApp(): Promise<SeededApp> {
  const t = await startTestApp();
  let worker = await startTestWorker(t);
  const acme = await createWorkspaceWithKey(t, 'Acme');
  const globex = await createWorkspaceWithKey(t, 'Globex');
  const [program, childProgram] = (await Promise.all(
    ['+10', '+0'].map((score, index) => createScoredProgram(t, acme, `Program ${index}`, score)),
  )) as [string, string];
  const child = await createCampaign(t, acme, {
    programId: childProgram,
    name: 'Score child',
    executable: true,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }, { email: 'grace@example.com' }]);
  return {
    t,
    acme,
    globex,
    program,
    child,
    createAcmeCampaign: (input) =>
      createCampaign(t, acme, { programId: program, qualificationRule: { kind: 'EVERY_TIME' }, ...input }),
    schedule: (campaign, extra = {}) => t.graphql(SCHEDULE, { campaign, ...extra }, acme.key),
    async finished(runId) {
      let view: RunView | undefined;
      await expect
        .poll(
          async () => {
            view = (await run<{ campaignRun: RunView }>(t, acme.key, RUN, { id: runId })).campaignRun;
            return view.status;
          },
          { timeout: 20_000, interval: 100 },
        )
        .toBe('COMPLETED');
      return view as RunView;
    },
    runCount: () => t.orm.em.fork().count(CampaignRun, {}),
    async restartWorker() {
      await worker.stop();
      worker = await startTestWorker(t);
    },
    async close() {
      await worker.stop();
      await t.close();
    },
  };
}
