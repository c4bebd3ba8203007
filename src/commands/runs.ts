import type { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun, type RunToken } from '../db/entities/campaign-run.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import { addPlanJobs, removePlanJob } from '../db/sql/jobs.js';
import { cancelPendingWaits } from '../db/sql/waits.js';
import { DomainError, type Problem } from '../domain/errors.js';
import { callerClosure } from '../domain/execution-graph.js';
import { FINISHED_RUN_STATUSES } from '../domain/model.js';
import { requestProblems, scheduleProblems } from '../domain/validation.js';
import type { CommandContext } from './context.js';

/** How far ahead a run may be scheduled (R1). */
const MAX_SCHEDULE_AHEAD_MS = 2 * 366 * 24 * 3600 * 1000;

type NewRun = Pick<CampaignRun, 'kind' | 'status' | 'tokens'> & { scheduledFor: Date; leadIds?: string[] };

/** Saves a new run of the campaign with the job that plans it, in one transaction: never one without the other. */
async function queueRun(ctx: CommandContext, campaign: Campaign, fields: NewRun): Promise<CampaignRun> {
  return ctx.em.transactional(async (em) => {
    const run = em.create(CampaignRun, { workspace: campaign.workspace.id, campaign, ...fields });
    await em.flush();
    await addPlanJobs(em, [{ id: run.id, runAt: fields.scheduledFor }]);
    return run;
  });
}

function refuseProblem([problem]: Problem[]): void {
  if (problem) throw new DomainError(problem.code, problem.message);
}

/**
 * Runs a batch campaign now (`runAt` null or past) or at `runAt`, at most two years ahead (R1),
 * with `tokens` overriding its My Tokens for this run only.
 */
export function scheduleCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  { runAt, tokens }: { runAt: Date | null; tokens: RunToken[] },
): Promise<CampaignRun> {
  refuseProblem(scheduleProblems(toDomainCampaign(campaign)));
  const now = new Date();
  const later = runAt && runAt > now ? runAt : null;
  if (later && later.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) {
    throw new DomainError('BAD_USER_INPUT', 'runAt must be at most two years ahead');
  }
  return queueRun(ctx, campaign, {
    kind: 'BATCH',
    status: later ? 'SCHEDULED' : 'QUEUED',
    scheduledFor: later ?? now,
    tokens,
  });
}

/**
 * Runs an active trigger campaign that listens for Campaign is Requested from the API for leads of
 * its workspace (checked by the caller), with `tokens` for this run only.
 */
export function requestCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  { leadIds, tokens }: { leadIds: string[]; tokens: RunToken[] },
): Promise<CampaignRun> {
  refuseProblem(requestProblems(toDomainCampaign(campaign), campaign.status === 'ACTIVE', 'API'));
  return queueRun(ctx, campaign, {
    kind: 'REQUESTED',
    status: 'QUEUED',
    scheduledFor: new Date(),
    leadIds,
    tokens,
  });
}

/**
 * Takes the leads out of the campaign's flow and, for an executable campaign, out of its callers'
 * flows, directly or through other executables (F6, E9): their pending waits and webhooks there are
 * cancelled. Returns how many leads were taken out.
 */
export async function removeFromFlow(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
  leadIds: string[],
): Promise<number> {
  const workspaceId = campaign.workspace.id;
  const campaigns = Object.values((await loadCampaignGraph(ctx.em, workspaceId)).campaigns);
  const removed = await cancelPendingWaits(
    ctx.em,
    workspaceId,
    callerClosure(campaigns, campaign.id),
    leadIds,
  );
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
      { id: run.id, status: { $nin: [...FINISHED_RUN_STATUSES] } },
      { status: 'CANCELLED', finishedAt: new Date() },
    );
    if (affected === 0) throw new DomainError('BAD_USER_INPUT', 'The run finished meanwhile');
    await removePlanJob(em, run.id);
    return em.refreshOrFail(run);
  });
  await ctx.announcer.runUpdated(cancelled.id);
  return cancelled;
}
