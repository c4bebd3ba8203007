import type { NotQualifiedReason } from './flow-records.js';
import type { CompiledStep, Frame, RunState, StepRunner } from './flow-types.js';
import type { FieldDefinition, LeadState } from './lead-state.js';
import type { ActivityType, FieldValue, JsonValue } from './model.js';
import { ownValue } from './own.js';
import type { TokenScope } from './tokens.js';

/** The longest Execute Campaign chain below the top campaign (semantics E5). */
export const MAX_EXECUTION_DEPTH = 3;

/** Appends an activity written by a step of `frame`'s campaign. */
export function writeActivity(
  state: RunState,
  frame: Frame,
  type: ActivityType,
  primaryAttributeValue: string | null,
  attributes: Record<string, JsonValue>,
): void {
  state.activities.push({
    type,
    campaignId: frame.campaign.source.id,
    depth: frame.depth,
    occurredAt: state.now,
    primaryAttributeValue,
    attributes,
  });
}

/**
 * Appends an activity for a step that did nothing, saying why in its attributes (`skipped`, `reason`):
 * a run never fails on user content (semantics F2, F3).
 */
export function writeSkipped(
  state: RunState,
  frame: Frame,
  type: ActivityType,
  primaryAttributeValue: string | null,
  attributes: Record<string, JsonValue>,
  reason: string,
): void {
  writeActivity(state, frame, type, primaryAttributeValue, { ...attributes, skipped: true, reason });
}

/**
 * True when a step runs inside an executable campaign, where waits and webhooks are refused (semantics E8).
 */
export function insideExecutable(frame: Frame): boolean {
  return frame.depth > 0 || frame.campaign.source.executable;
}

/** What token rendering reads for a step of `frame`. */
export function tokenScope(state: RunState, frame: Frame): TokenScope {
  return { context: frame.tokens, lead: state.lead, fields: state.graph.fields, now: state.now };
}

/**
 * Counts a run of a campaign's flow for semantics Q1, both for later steps of this flow and for the caller.
 */
export function recordRun(state: RunState, campaignId: string): void {
  const previous = ownValue(state.history, campaignId);
  state.history[campaignId] = { lastRunAt: state.now, runCount: (previous?.runCount ?? 0) + 1 };
  state.effects.history.push({ campaignId, ranAt: state.now });
}

/** Sets a field; a SCORE field's new value is an absolute set for the database (semantics R3). */
export function setField(state: RunState, field: FieldDefinition, value: FieldValue): void {
  state.lead.fields[field.name] = value;
  if (field.type === 'SCORE') state.effects.scoreChanges[field.name] = { set: value as number, delta: 0 };
  else state.effects.fieldChanges[field.name] = value;
}

/** Adds to a score field, accumulating a delta that the database applies atomically (semantics R3). */
export function addToScore(state: RunState, field: FieldDefinition, delta: number, newValue: number): void {
  state.lead.fields[field.name] = newValue;
  const change = ownValue(state.effects.scoreChanges, field.name);
  if (change) change.delta += delta;
  else state.effects.scoreChanges[field.name] = { set: null, delta };
}

/** The branch of a step that runs for the lead: the first choice whose condition holds (1-based), else the default. */
function branchFor(
  step: CompiledStep,
  lead: LeadState,
): { choice: number | null; runner: StepRunner | null } {
  const index = step.choices.findIndex((choice) => choice.when(lead));
  const choice = step.choices[index];
  return choice ? { choice: index + 1, runner: choice.run } : { choice: null, runner: step.run };
}

/**
 * Records an Execute Campaign step's verdict on the step's visit (semantics A4). Called before the child's
 * flow runs, while the step's own visit is still the last one recorded.
 */
export function recordExecution(state: RunState, reason: NotQualifiedReason | null): void {
  const visit = state.steps.at(-1);
  if (visit) visit.execution = { qualified: reason === null, reason };
}

/**
 * Runs a frame's steps from `startStepIndex`, serially; an Execute Campaign step nests a child frame
 * inside its own step (semantics E2). Stops at a suspension or when Remove from Flow stops the lead.
 */
export function runFrame(state: RunState, frame: Frame, startStepIndex: number): void {
  state.stack.push(frame);
  const steps = frame.campaign.steps;
  for (let index = startStepIndex; index < steps.length && !state.stopped && !state.suspend; index += 1) {
    const { choice, runner } = branchFor(steps[index] as CompiledStep, state.lead);
    state.steps.push({ campaignId: frame.campaign.source.id, position: index + 1, choice });
    runner?.(state, frame, index);
  }
  state.stack.pop();
}
