import type { EntityManager } from '@mikro-orm/postgresql';
import { definitionsAt } from '../db/definitions.js';
import { leadStates } from '../db/sql/lead-states.js';
import type { ClaimedRun } from '../db/sql/runs.js';
import { runFlow } from '../domain/executor.js';
import type { WebhookResponse } from '../domain/flow-records.js';
import { flowNeeds } from '../domain/state-needs.js';
import type { FlowResults } from './apply-results.js';

/**
 * Runs the run's campaign flow from a step for each of the leads (after a webhook's response, for the
 * one lead that called it, semantics F12), locked in id order in the
 * caller's transaction (concurrent runs on the same leads take turns and lose no change, semantics R3).
 */
export async function runFlowsLocked(
  em: EntityManager,
  claimed: ClaimedRun,
  leadIds: string[],
  startStepIndex: number,
  now: Date,
  webhookResponse?: WebhookResponse,
): Promise<FlowResults> {
  const { graph, listeners } = await definitionsAt(em, claimed.workspaceId, claimed.graphVersion);
  const states = await leadStates(em, leadIds, flowNeeds(graph, claimed.campaignId), {
    lock: true,
    now,
  });
  const results = states.map(({ lead, history }) =>
    runFlow({
      lead,
      graph,
      history,
      run: claimed.run,
      campaignId: claimed.campaignId,
      startStepIndex,
      now,
      ...(webhookResponse ? { webhookResponse } : {}),
    }),
  );
  return {
    workspaceId: claimed.workspaceId,
    runId: claimed.run.id,
    triggerDepth: claimed.triggerDepth,
    leads: states.map((state) => state.lead),
    results,
    listeners,
  };
}
