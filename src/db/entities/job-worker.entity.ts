import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * A live job worker's heartbeat. graphile-worker leaves the jobs of a worker that died (kill -9, a
 * lost machine) locked for hours; workers whose heartbeat stopped have their jobs unlocked by the
 * others, so an interrupted run resumes within seconds (semantics R4).
 */
export const JobWorker = defineEntity({
  name: 'JobWorker',
  properties: {
    workerId: p.string().primary(),
    heartbeatAt: p.datetime(),
  },
});
export type JobWorker = InferEntity<typeof JobWorker>;
