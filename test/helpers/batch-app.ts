import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun, type RunToken } from '../../src/db/entities/campaign-run.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import { startTestApp, type TestApp } from './app.js';
import {
  createCampaign,
  createScoredProgram,
  createStaticList,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from './factories.js';
import { databaseIdOf } from './global-ids.js';

/**
 * An app whose workspace has a program scoring +10 and an executable child scoring {{my.score}},
 * with the operations batch-run tests drive runs with: runs are planned and their chunks applied
 * here, as the job queue would, so a test controls when each happens.
 */
export async function startBatchApp() {
  const t: TestApp = await startTestApp();
  const acme: WorkspaceWithKey = await createWorkspaceWithKey(t, 'Acme');
  const program = await createScoredProgram(t, acme, 'Parent program', '+10');
  const childProgram = await createScoredProgram(t, acme, 'Child program', '+0');
  const child = await createCampaign(t, acme, {
    programId: childProgram,
    name: 'Score child',
    executable: true,
    qualificationRule: { kind: 'EVERY_TIME' },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });

  /** A campaign of the parent program that qualifies every time unless told; resolves with its database id. */
  async function createAcmeCampaign(input: Record<string, unknown>): Promise<string> {
    return databaseIdOf(
      await createCampaign(t, acme, {
        programId: program,
        qualificationRule: { kind: 'EVERY_TIME' },
        ...input,
      }),
    );
  }

  async function createLeads(count: number, prefix: string, fields: Record<string, unknown> = {}) {
    await upsertLeads(
      t,
      acme,
      Array.from({ length: count }, (_, index) => ({ email: `${prefix}${index}@example.com`, fields })),
    );
  }

  /** Creates a QUEUED batch run the way scheduleCampaign will. */
  async function queueRun(campaignId: string, tokens: RunToken[] = []): Promise<string> {
    const em = t.orm.em.fork();
    const campaignRun = em.create(CampaignRun, {
      workspace: databaseIdOf(acme.id),
      campaign: campaignId,
      kind: 'BATCH',
      status: 'QUEUED',
      tokens,
    });
    await em.flush();
    return campaignRun.id;
  }

  /** Plans a run and applies every chunk, as the job queue will. */
  async function runToCompletion(runId: string): Promise<CampaignRun> {
    const now = new Date();
    const seqs = await planRun(t.orm, runId, now);
    await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)));
    await completeIfDone(t.orm, runId, now);
    return t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId });
  }

  async function scoresOf(prefix: string): Promise<number[]> {
    const leads = await t.orm.em
      .fork()
      .find(Lead, { email: { $like: `${prefix}%` } }, { orderBy: { id: 'asc' } });
    return leads.map((lead) => Number(lead.fields.score ?? 0));
  }

  /** A new static list holding the lead with this email, put there by a run (with `more` steps after). */
  async function enlist(email: string, name: string, more: Record<string, unknown>[] = []): Promise<string> {
    const list = await createStaticList(t, acme, name);
    const campaign = await createAcmeCampaign({
      name: `Enlist ${email}`,
      smartList: { filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: [email] }] },
      flow: [{ action: { addToList: { listId: list } } }, ...more],
    });
    await runToCompletion(await queueRun(campaign));
    return list;
  }

  const activityCount = (runId: string) => t.orm.em.fork().count(Activity, { run: runId });

  return {
    t,
    acme,
    program,
    childProgram,
    child,
    createAcmeCampaign,
    createLeads,
    queueRun,
    runToCompletion,
    scoresOf,
    enlist,
    activityCount,
    close: () => t.close(),
  };
}

export type BatchApp = Awaited<ReturnType<typeof startBatchApp>>;
