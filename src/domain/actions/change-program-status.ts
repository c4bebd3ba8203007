import type { CompiledGraph, Frame, RunState, StepRunner } from '../flow-types.js';
import type { FlowAction } from '../model.js';
import { ownValue } from '../own.js';
import { writeActivity, writeSkipped } from '../run-state.js';

function statusIndex(statuses: readonly string[], status: string | undefined): number {
  const wanted = status?.toLowerCase();
  return statuses.findIndex((candidate) => candidate.toLowerCase() === wanted);
}

/**
 * Compiles Change Program Status (semantics F8): makes the lead a member with the status. A status earlier in
 * the program's progression than the current one is skipped (no backwards moves); the same status is
 * a no-op without an activity; an unknown program or status is skipped with a reason.
 */
export function compileChangeProgramStatus(
  action: Extract<FlowAction, { type: 'changeProgramStatus' }>,
  graph: CompiledGraph,
): StepRunner {
  const { programId } = action;
  const program = ownValue(graph.source.programs, programId);
  const statuses = program?.statuses ?? [];
  const index = statusIndex(statuses, action.status);
  const problem = program ? 'UNKNOWN_STATUS' : 'UNKNOWN_PROGRAM';
  const primary = program?.name ?? programId;
  return (state: RunState, frame: Frame) => {
    const oldStatus = ownValue(state.lead.memberships, programId) ?? null;
    const attributes = { programId, oldStatus, newStatus: statuses[index] ?? action.status };
    if (index === -1)
      return writeSkipped(state, frame, 'CHANGE_PROGRAM_STATUS', primary, attributes, problem);
    const currentIndex = statusIndex(statuses, oldStatus ?? undefined);
    if (index === currentIndex) return;
    if (index < currentIndex) {
      return writeSkipped(state, frame, 'CHANGE_PROGRAM_STATUS', primary, attributes, 'BACKWARDS_STATUS');
    }
    state.lead.memberships[programId] = attributes.newStatus;
    state.effects.programStatuses[programId] = attributes.newStatus;
    writeActivity(state, frame, 'CHANGE_PROGRAM_STATUS', primary, attributes);
  };
}
