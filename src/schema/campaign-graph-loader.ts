import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { loadCampaignGraph } from '../db/mappers.js';
import type { CampaignGraph, SmartListDefinition } from '../domain/model.js';
import { validateSmartListDefinition } from '../domain/validation.js';
import type { GraphQLContext } from './context.js';

/** A workspace's campaign graph in the domain's shape, loaded once per request and workspace. */
export const requestCampaignGraph = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, CampaignGraph>((workspaceIds) =>
      Promise.all(workspaceIds.map((workspaceId) => loadCampaignGraph(context.em, workspaceId))),
    ),
);

/** Whether a smart-list definition can be evaluated (semantics E4): otherwise nobody qualifies for it. */
export function isEvaluable(definition: SmartListDefinition, graph: CampaignGraph): boolean {
  return validateSmartListDefinition(definition, graph).length === 0;
}
