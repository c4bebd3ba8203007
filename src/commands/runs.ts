import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { Lead } from '../db/entities/lead.entity.js';
import { toDomainCampaign } from '../db/mappers.js';
import { addPlanJobs, removePlanJob } from '../db/sql/jobs.js';
import { cancelPendingWaits } from '../db/sql/waits.js';
import { DomainError, type Problem } from '../domain/errors.js';
import { callerClosure } from '../domain/execution-graph.js';
import { FINISHED_RUN_STATUSES } from '../domain/model.js';
import type { RecurrenceRequest } from '../domain/recurrence.js';
import { requireTokens, type TokenInput } from '../domain/tokens.js';
import { requestProblems, scheduleProblems } from '../domain/validation.js';
import type { CommandContext } from './context.js';
import { scheduleRecurrence } from './schedules.js';

/** How far ahead a run may be scheduled (semantics R1). */
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
 * Runs a batch campaign now (`runAt` null or past) or at `runAt`, at most two years ahead (semantics R1),
 * with `tokens` overriding its My Tokens for this run only. With a `recurrence` (semantics R6) that run
 * is the first occurrence and the tokens apply to every one. Refusals come in this order: the
 * campaign, the time, the tokens, the recurrence.
 */
export function scheduleCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  {
    runAt,
    tokens,
    recurrence = null,
  }: { runAt: Date | null; tokens: readonly TokenInput[]; recurrence?: RecurrenceRequest | null },
): Promise<CampaignRun> {
  refuseProblem(scheduleProblems(toDomainCampaign(campaign)));
  const now = new Date();
  const later = runAt && runAt > now ? runAt : null;
  if (later && later.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) {
    throw new DomainError('BAD_USER_INPUT', 'runAt must be at most two years ahead');
  }
  const runTokens = requireTokens(tokens);
  if (recurrence) {
    return scheduleRecurrence(ctx, campaign, { anchor: later ?? now, now, tokens: runTokens, recurrence });
  }
  return queueRun(ctx, campaign, {
    kind: 'BATCH',
    status: later ? 'SCHEDULED' : 'QUEUED',
    scheduledFor: later ?? now,
    tokens: runTokens,
  });
}

/** At most this many leads per requestCampaign call (semantics R2). */
export const MAX_REQUESTED_LEADS = 100;

/** At most this many leads per removeFromFlow call. */
export const MAX_REMOVED_LEADS = 1000;

function refuseLeadCount(leadIds: readonly string[], max: number): void {
  if (leadIds.length === 0 || leadIds.length > max) {
    throw new DomainError('BAD_USER_INPUT', `leadIds takes 1 to ${max} leads`);
  }
}

/**
 * Runs an active trigger campaign that listens for Campaign is Requested from the API for 1 to
 * `MAX_REQUESTED_LEADS` leads of its workspace (semantics R2), with `tokens` for this run only. Refusals come
 * in this order: the campaign, the number of leads, leads not in its workspace (NOT_FOUND, each
 * named by `describeLead`), the tokens.
 */
export async function requestCampaign(
  ctx: CommandContext,
  campaign: Campaign,
  { leadIds, tokens }: { leadIds: readonly string[]; tokens: readonly TokenInput[] },
  describeLead: (leadId: string) => string,
): Promise<CampaignRun> {
  refuseProblem(requestProblems(toDomainCampaign(campaign), campaign.status === 'ACTIVE', 'API'));
  refuseLeadCount(leadIds, MAX_REQUESTED_LEADS);
  const wanted = [...new Set(leadIds)];
  const found = await ctx.em.find(Lead, { id: { $in: wanted }, workspace: campaign.workspace.id });
  const present = new Set(found.map((lead) => lead.id));
  const missing = wanted.filter((id) => !present.has(id));
  if (missing.length > 0) {
    throw new DomainError(
      'NOT_FOUND',
      `No Lead with id ${missing.map(describeLead).join(', ')} in the campaign's workspace`,
    );
  }
  return queueRun(ctx, campaign, {
    kind: 'REQUESTED',
    status: 'QUEUED',
    scheduledFor: new Date(),
    leadIds: wanted,
    tokens: requireTokens(tokens),
  });
}

/**
 * Takes the leads out of the campaign's flow and, for an executable campaign, out of its callers'
 * flows, directly or through other executables (semantics F6, E9): their pending waits and webhooks there are
 * cancelled. Returns how many leads were taken out.
 */
export async function removeFromFlow(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
  leadIds: readonly string[],
): Promise<number> {
  refuseLeadCount(leadIds, MAX_REMOVED_LEADS);
  const workspaceId = campaign.workspace.id;
  const campaigns = await ctx.em.find(Campaign, { workspace: workspaceId, deletedAt: null });
  const stopped = callerClosure(campaigns, campaign.id);
  const removed = await cancelPendingWaits(ctx.em, workspaceId, stopped, [...new Set(leadIds)]);
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
