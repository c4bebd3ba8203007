import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { addPlanJobs, removePlanJob } from '../db/sql/jobs.js';
import { cancelPendingWaits } from '../db/sql/waits.js';
import { DomainError } from '../domain/errors.js';
import type { CommandContext } from './context.js';

const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED'] as const;

/**
 * Saves a new run with the job that plans it at `runAt`, in one transaction: never one without the
 * other. `run` is built by the caller and not persisted yet.
 */
export async function queueRun(ctx: CommandContext, run: CampaignRun, runAt: Date): Promise<CampaignRun> {
  return ctx.em.transactional(async (em) => {
    em.persist(run);
    await em.flush();
    await addPlanJobs(em, [{ id: run.id, runAt }]);
    return run;
  });
}

/**
 * Takes the leads out of the flows of these campaigns of the workspace (F6, E9): their pending
 * waits and webhooks there are cancelled. Returns how many leads were taken out.
 */
export async function removeFromFlow(
  ctx: CommandContext,
  workspaceId: string,
  campaignIds: string[],
  leadIds: string[],
): Promise<number> {
  const removed = await cancelPendingWaits(ctx.em, workspaceId, campaignIds, leadIds);
  return removed.length;
}

/**
 * Stops the leads of a run not yet processed; what was done stays. Cancelling a cancelled run does
 * nothing; a finished one is refused, also when it finished meanwhile.
 */
export async function cancelRun(ctx: CommandContext, run: CampaignRun): Promise<CampaignRun> {
  if (run.status === 'CANCELLED') return run;
  if (run.status === 'COMPLETED' || run.status === 'FAILED') {
    throw new DomainError('BAD_USER_INPUT', `The run is already ${run.status}`);
  }
  const cancelled = await ctx.em.transactional(async (em) => {
    const affected = await em.nativeUpdate(
      CampaignRun,
      { id: run.id, status: { $nin: [...FINISHED] } },
      { status: 'CANCELLED', finishedAt: new Date() },
    );
    if (affected === 0) throw new DomainError('BAD_USER_INPUT', 'The run finished meanwhile');
    await removePlanJob(em, run.id);
    return em.refreshOrFail(run);
  });
  await ctx.announcer.runUpdated(cancelled.id);
  return cancelled;
}
