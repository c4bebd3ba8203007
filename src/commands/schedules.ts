import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun, type RunToken } from '../db/entities/campaign-run.entity.js';
import { CampaignSchedule } from '../db/entities/campaign-schedule.entity.js';
import { addOccurrenceJob, addPlanJobs, removeOccurrenceJob, removePlanJob } from '../db/sql/jobs.js';
import { DomainError } from '../domain/errors.js';
import { NOT_STARTED_RUN_STATUSES } from '../domain/model.js';
import { checkRecurrence, occurrenceFrom, type RecurrenceRequest } from '../domain/recurrence.js';
import type { CommandContext } from './context.js';

/**
 * Takes the campaign's recurrence away in the caller's transaction, after locking the campaign so
 * that two changes to its recurrence take turns: its pending occurrence job goes, and so does every
 * run it made that has not started (semantics R6). Returns the ids of the runs cancelled.
 */
async function dropSchedule(em: EntityManager, campaign: Campaign): Promise<string[]> {
  await em.findOneOrFail(Campaign, { id: campaign.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const schedule = await em.findOne(CampaignSchedule, { campaign: campaign.id });
  if (!schedule) return [];
  // Locked as planning a run locks it: a run that starts meanwhile is no longer found here.
  const notStarted = await em.find(
    CampaignRun,
    { scheduleId: schedule.id, status: { $in: [...NOT_STARTED_RUN_STATUSES] }, startedAt: null },
    { fields: ['id'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const runIds = notStarted.map((run) => run.id);
  if (runIds.length > 0) {
    await em.nativeUpdate(
      CampaignRun,
      { id: { $in: runIds } },
      {
        status: 'CANCELLED',
        finishedAt: new Date(),
        error: 'Its recurring schedule was replaced or cancelled',
      },
    );
  }
  await em.nativeDelete(CampaignSchedule, { id: schedule.id });
  await removeOccurrenceJob(em, campaign.id);
  for (const runId of runIds) await removePlanJob(em, runId);
  return runIds;
}

/**
 * Gives a batch campaign that scheduleCampaign has checked (campaign, time, tokens) a recurrence
 * anchored at `anchor` (semantics R6), replacing the one it had. Its first occurrence's run is made
 * now, with its plan job, and returned; the job of the occurrence after it starts that one.
 */
export async function scheduleRecurrence(
  ctx: CommandContext,
  campaign: Campaign,
  {
    anchor,
    now,
    tokens,
    recurrence,
  }: { anchor: Date; now: Date; tokens: RunToken[]; recurrence: RecurrenceRequest },
): Promise<CampaignRun> {
  const checked = checkRecurrence(recurrence, anchor);
  if ('problem' in checked) throw new DomainError('BAD_USER_INPUT', checked.problem);
  const { first } = checked;
  const next = occurrenceFrom(checked.recurrence, anchor, first.step + 1);
  const { run, replacedRunIds } = await ctx.em.transactional(async (em) => {
    const replacedRunIds = await dropSchedule(em, campaign);
    const run = em.create(CampaignRun, {
      workspace: campaign.workspace.id,
      campaign: campaign.id,
      kind: 'BATCH',
      status: first.at > now ? 'SCHEDULED' : 'QUEUED',
      scheduledFor: first.at,
      tokens,
    });
    const schedule = em.create(CampaignSchedule, {
      workspace: campaign.workspace.id,
      campaign: campaign.id,
      ...checked.recurrence,
      anchorAt: anchor,
      firstRun: run,
      tokens,
      nextStep: next?.step ?? null,
      nextAt: next?.at ?? null,
    });
    await em.flush();
    // Known once the recurrence is saved: the run is saved first, as the recurrence refers to it.
    run.scheduleId = schedule.id;
    await em.flush();
    await addPlanJobs(em, [{ id: run.id, runAt: first.at }]);
    if (next)
      await addOccurrenceJob(em, campaign.id, { scheduleId: schedule.id, step: next.step, runAt: next.at });
    return { run, replacedRunIds };
  });
  for (const runId of replacedRunIds) await ctx.announcer.runUpdated(runId);
  return run;
}

/**
 * Stops the campaign's future occurrences (semantics R6), and cancels the runs it made that have
 * not started; runs that started go on. A campaign without a recurrence is left as it is.
 */
export async function cancelSchedule(ctx: CommandContext, campaign: Campaign): Promise<Campaign> {
  const cancelledRunIds = await ctx.em.transactional((em) => dropSchedule(em, campaign));
  for (const runId of cancelledRunIds) await ctx.announcer.runUpdated(runId);
  return campaign;
}
