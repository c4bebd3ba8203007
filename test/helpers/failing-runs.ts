import { vi } from 'vitest';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import type { TestApp } from './app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from './factories.js';
import { databaseIdOf } from './global-ids.js';

/** A workspace with a program, a batch campaign that adds 1 to every lead's score, and one lead. */
export async function scoringCampaign(
  t: TestApp,
): Promise<{ acme: WorkspaceWithKey; program: string; workspace: string; campaign: string }> {
  const acme = await createWorkspaceWithKey(t, 'Acme');
  const program = await createProgram(t, acme, 'Failing');
  const campaign = databaseIdOf(
    await createCampaign(t, acme, {
      programId: program,
      name: 'Scores',
      qualificationRule: { kind: 'EVERY_TIME' },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    }),
  );
  await upsertLeads(t, acme, [{ email: 'ada@example.com' }]);
  return { acme, program, workspace: databaseIdOf(acme.id), campaign };
}

/** A QUEUED run of the campaign, saved as the commands save one, without its job. */
export async function queuedRun(
  t: TestApp,
  { workspace, campaign }: { workspace: string; campaign: string },
  fields: Partial<Pick<CampaignRun, 'kind' | 'leadIds'>> & { campaign?: string } = {},
): Promise<string> {
  const em = t.orm.em.fork();
  const run = em.create(CampaignRun, {
    workspace,
    campaign,
    kind: 'BATCH',
    status: 'QUEUED',
    tokens: [],
    ...fields,
  });
  await em.flush();
  return run.id;
}

/** The run once FAILED or COMPLETED (within 20 s). */
export async function finishedRun(t: TestApp, runId: string): Promise<CampaignRun> {
  return vi.waitFor(
    async () => {
      const run = await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId });
      if (run.status !== 'FAILED' && run.status !== 'COMPLETED') throw new Error(`still ${run.status}`);
      return run;
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** Runs one SQL statement. */
export async function sql(t: TestApp, statement: string): Promise<void> {
  await t.orm.em.fork().getConnection().execute(statement);
}
