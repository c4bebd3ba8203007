/**
 * The most a campaign's definition holds (semantics L1, L2, F12). A save over a limit is
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
  /** Response mappings of one webhook action (semantics F12). */
  responseMappings: 20,
  /** Characters of a response mapping's path. */
  responsePathLength: 200,
} as const;

interface ActionShape {
  removeFromFlow?: { campaignIds: readonly unknown[] } | null;
  webhook?: { responseMappings?: readonly { path: string }[] | null } | null;
}

/** Why a webhook's response mappings are malformed (semantics F12), or null when they are not. */
function responseMappingsRefusal(mappings: readonly { path: string }[]): string | null {
  const limits = DEFINITION_LIMITS;
  if (mappings.length > limits.responseMappings)
    return `a webhook has at most ${limits.responseMappings} response mappings`;
  for (const { path } of mappings) {
    if (path.length > limits.responsePathLength)
      return `a response mapping's path has at most ${limits.responsePathLength} characters`;
    if (path.split('.').some((segment) => segment.trim() === ''))
      return `response mapping path "${path}" needs names between its dots, e.g. data.owner.email`;
  }
  return null;
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
      const mappingRefusal = responseMappingsRefusal(action?.webhook?.responseMappings ?? []);
      if (mappingRefusal) return `flow step ${index + 1}: ${mappingRefusal}`;
    }
  }
  if (choices > limits.flowChoices) return `A flow holds at most ${limits.flowChoices} choices in all`;
  if (removed > limits.removedCampaigns)
    return `A flow's Remove from Flow steps name at most ${limits.removedCampaigns} campaigns in all`;
  return null;
}
