/**
 * The most a campaign's definition holds (semantics L1, L2). A save over a limit is
 * refused before anything is written; the API prices its queries by these bounds.
 */
export const DEFINITION_LIMITS = {
  flowSteps: 100,
  choicesPerStep: 20,
  /** Choices of a whole flow, over all its steps. */
  flowChoices: 100,
  /** Campaigns named by a flow's Remove from Flow actions, over all its steps and choices. */
  removedCampaigns: 100,
  filters: 100,
  triggers: 20,
} as const;

interface ActionShape {
  removeFromFlow?: { campaignIds: readonly unknown[] } | null;
}

interface StepShape {
  action?: ActionShape | null;
  choices?: readonly { action?: ActionShape | null }[] | null;
}

/** Why a flow (as given to a save) is over a limit of its size, or null when it is within them. */
export function flowSizeRefusal(steps: readonly StepShape[]): string | null {
  const limits = DEFINITION_LIMITS;
  if (steps.length > limits.flowSteps) return `At most ${limits.flowSteps} flow steps`;
  let choices = 0;
  let removed = 0;
  for (const [index, step] of steps.entries()) {
    const stepChoices = step.choices ?? [];
    if (stepChoices.length > limits.choicesPerStep)
      return `flow step ${index + 1}: at most ${limits.choicesPerStep} choices`;
    choices += stepChoices.length;
    for (const action of [step.action, ...stepChoices.map((choice) => choice.action)]) {
      removed += action?.removeFromFlow?.campaignIds.length ?? 0;
    }
  }
  if (choices > limits.flowChoices) return `A flow holds at most ${limits.flowChoices} choices in all`;
  if (removed > limits.removedCampaigns)
    return `A flow's Remove from Flow steps name at most ${limits.removedCampaigns} campaigns in all`;
  return null;
}
