import { LockMode } from '@mikro-orm/core';
import { FlowWait } from '../db/entities/flow-wait.entity.js';
import type { Orm } from '../db/orm.js';
import { runToResume } from '../db/sql/runs.js';
import type { MappingFailure, WebhookRequest, WebhookResponse } from '../domain/flow-records.js';
import type { Activity, JsonValue } from '../domain/model.js';
import { applyResults } from './apply-results.js';
import { runFlowsLocked } from './flow-runner.js';
import { callWebhook, type WebhookCall, type WebhookCallOptions, type WebhookOutcome } from './webhooks.js';

/**
 * The CALL_WEBHOOK activity (semantics F10, A1): the call's outcome, written where the flow resumes, with
 * the response mappings that set nothing when the step has mappings (semantics F12).
 */
function webhookActivity(
  wait: FlowWait,
  outcome: WebhookOutcome,
  mappingFailures: readonly MappingFailure[],
  now: Date,
): Activity {
  const request = wait.request as WebhookRequest;
  const attributes: Record<string, JsonValue> = { url: request.url, method: request.method, ...outcome };
  if (request.responseMappings?.length) {
    attributes.mappingFailures = mappingFailures.map((failure) => ({ ...failure }));
  }
  return {
    type: 'CALL_WEBHOOK',
    campaignId: wait.campaign.id,
    depth: 0,
    occurredAt: now,
    primaryAttributeValue: request.url,
    attributes,
  };
}

/** What the flow resumes with after a webhook whose step maps the response (semantics F12). */
function responseToMap(request: WebhookRequest, call: WebhookCall): WebhookResponse | undefined {
  if (!request.responseMappings?.length) return undefined;
  return { mappings: request.responseMappings, body: call.body, unmappable: call.unmappable };
}

/**
 * Resumes a lead's flow at the step after its Wait (semantics F9) or Webhook (semantics F10), exactly once:
 * the row is the truth, its job only the reminder. A suspension that Remove from Flow cancelled does nothing.
 * A webhook is called first, outside the transaction (a call can take up to its timeout); if the
 * job dies before its transaction commits, the retry calls again: the call is made at least once,
 * its activity and the rest of the flow exactly once.
 */
export async function resumeWait(
  orm: Orm,
  waitId: string,
  now: Date,
  webhookCalls: WebhookCallOptions = {},
): Promise<boolean> {
  const pending = await orm.em.fork().findOne(FlowWait, { id: waitId, status: 'PENDING' });
  if (!pending) return false;
  const request = pending.kind === 'WEBHOOK' ? (pending.request as WebhookRequest) : null;
  const call = request ? await callWebhook(request, webhookCalls) : null;
  return orm.em.fork().transactional(async (em) => {
    const wait = await em.findOne(FlowWait, { id: waitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (wait?.status !== 'PENDING') return false;
    const claimed = await runToResume(em, wait.run.id);
    const response = request && call ? responseToMap(request, call) : undefined;
    const resumed = await runFlowsLocked(em, claimed, [wait.lead.id], wait.resumeStep, now, response);
    wait.status = 'RESUMED';
    await em.flush();
    if (call) {
      resumed.results = resumed.results.map((result) => ({
        ...result,
        activities: [webhookActivity(wait, call.outcome, result.mappingFailures, now), ...result.activities],
      }));
    }
    await applyResults(em, resumed);
    return true;
  });
}
