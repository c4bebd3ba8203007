/** The job queue's task names, and the job keys that make enqueueing the same work twice harmless. */
export const JOBS = {
  planRun: 'run:plan',
  runChunk: 'run:chunk',
  resumeWait: 'wait:resume',
} as const;

export const planJobKey = (runId: string) => `run:${runId}:plan`;
export const chunkJobKey = (runId: string, seq: number) => `run:${runId}:chunk:${seq}`;
