import { LockMode } from '@mikro-orm/core';
import { Campaign } from '../db/entities/campaign.entity.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { CampaignSchedule } from '../db/entities/campaign-schedule.entity.js';
import { toDomainCampaign, toDomainRecurrence } from '../db/mappers.js';
import type { Orm } from '../db/orm.js';
import { addOccurrenceJob, addPlanJobs, type OccurrencePayload } from '../db/sql/jobs.js';
import { catchUp } from '../domain/recurrence.js';
import { scheduleProblems } from '../domain/validation.js';

/**
 * Starts a recurrence's due occurrence (semantics R6): one BATCH run with the recurrence's tokens, and
 * the job of the occurrence after it, in one transaction with moving the recurrence on, so that an
 * occurrence starts exactly once however often its job runs. Occurrences missed while no worker ran
 * start once: one run, for the latest of them. A job of a replaced or cancelled recurrence, or one
 * already done, does nothing. Returns the new run's id, if one was made.
 */
export async function startOccurrence(orm: Orm, { scheduleId, step }: OccurrencePayload, now: Date) {
  const found = await orm.em.fork().findOne(CampaignSchedule, { id: scheduleId }, { fields: ['campaign'] });
  if (!found) return null;
  return orm.em.fork().transactional(async (em): Promise<string | null> => {
    // The campaign first, as scheduleCampaign and cancelCampaignSchedule lock it before the
    // recurrence: the other order could deadlock with them.
    const campaign = await em.findOneOrFail(
      Campaign,
      { id: found.campaign.id },
      { lockMode: LockMode.PESSIMISTIC_READ },
    );
    const schedule = await em.findOne(
      CampaignSchedule,
      { id: scheduleId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!schedule || schedule.nextStep !== step || !schedule.nextAt) return null;
    const { start, next } = campaign.deletedAt
      ? { start: null, next: null }
      : catchUp(toDomainRecurrence(schedule), schedule.anchorAt, { step, at: schedule.nextAt }, now);
    schedule.nextStep = next?.step ?? null;
    schedule.nextAt = next?.at ?? null;
    // A campaign that became a trigger campaign meanwhile skips the occurrence, as scheduleCampaign
    // would refuse it, and keeps its recurrence for when it is a batch campaign again.
    const runnable = start && scheduleProblems(toDomainCampaign(campaign)).length === 0;
    const run = runnable
      ? em.create(CampaignRun, {
          workspace: schedule.workspace.id,
          campaign: campaign.id,
          scheduleId: schedule.id,
          kind: 'BATCH',
          status: start.at > now ? 'SCHEDULED' : 'QUEUED',
          scheduledFor: start.at,
          tokens: schedule.tokens,
        })
      : null;
    await em.flush();
    if (run) await addPlanJobs(em, [{ id: run.id, runAt: start?.at }]);
    if (next) await addOccurrenceJob(em, campaign.id, { scheduleId, step: next.step, runAt: next.at });
    return run?.id ?? null;
  });
}

/**
 * Gives up a recurrence's occurrence whose job kept failing (semantics R6, R8): it starts no run,
 * and the recurrence goes on from the first occurrence after `now`, with that one's job, in one
 * transaction, so that one outage does not end it. Does nothing when the recurrence was replaced,
 * cancelled or has moved on meanwhile. Returns the step it goes on from, null when it has ended,
 * undefined when it did nothing.
 */
export async function skipOccurrence(
  orm: Orm,
  { scheduleId, step }: OccurrencePayload,
  now: Date,
): Promise<number | null | undefined> {
  const found = await orm.em.fork().findOne(CampaignSchedule, { id: scheduleId }, { fields: ['campaign'] });
  if (!found) return undefined;
  return orm.em.fork().transactional(async (em) => {
    await em.findOneOrFail(Campaign, { id: found.campaign.id }, { lockMode: LockMode.PESSIMISTIC_READ });
    const schedule = await em.findOne(
      CampaignSchedule,
      { id: scheduleId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!schedule || schedule.nextStep !== step || !schedule.nextAt) return undefined;
    const { next } = catchUp(
      toDomainRecurrence(schedule),
      schedule.anchorAt,
      { step, at: schedule.nextAt },
      now,
    );
    schedule.nextStep = next?.step ?? null;
    schedule.nextAt = next?.at ?? null;
    await em.flush();
    if (next) await addOccurrenceJob(em, found.campaign.id, { scheduleId, step: next.step, runAt: next.at });
    return next?.step ?? null;
  });
}
