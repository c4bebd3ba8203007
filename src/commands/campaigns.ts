import type { Campaign } from '../db/entities/campaign.entity.js';
import { loadCampaignGraph, toDomainCampaign } from '../db/mappers.js';
import { DomainError } from '../domain/errors.js';
import { referencedCampaignIds } from '../domain/execution-graph.js';
import { campaignType } from '../domain/validation.js';
import { underGraphLock } from './campaign-graph.js';
import type { CommandContext } from './context.js';

/**
 * Deletes a campaign, refused while another campaign's flow names it (Execute Campaign, Request
 * Campaign, Remove from Flow); `describe` says how the refusal names those campaigns to the client.
 */
export async function deleteCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
  describe: (user: { id: string; name: string }) => string,
): Promise<void> {
  await underGraphLock(ctx.em, campaign.workspace.id, async () => {
    const graph = await loadCampaignGraph(ctx.em, campaign.workspace.id);
    const users = Object.values(graph.campaigns).filter(
      (other) => other.id !== campaign.id && referencedCampaignIds(other).includes(campaign.id),
    );
    if (users.length > 0) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `Campaign ${campaign.name} is used by ${users.map(describe).join(', ')}`,
      );
    }
    campaign.deletedAt = new Date();
    campaign.status = 'INACTIVE';
  });
}

/** Activates a trigger campaign: its triggers start runs from now on. Other campaigns are refused. */
export async function activateCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
): Promise<Campaign> {
  const type = campaignType(toDomainCampaign(campaign));
  if (type === 'EXECUTABLE') {
    throw new DomainError(
      'NOT_SCHEDULABLE',
      'An executable campaign runs only through Execute Campaign steps',
    );
  }
  if (type !== 'TRIGGER') throw new DomainError('BAD_USER_INPUT', 'Only trigger campaigns are activated');
  campaign.status = 'ACTIVE';
  await ctx.em.flush();
  return campaign;
}

/** Deactivates a campaign: its triggers start no more runs; runs already started go on. */
export async function deactivateCampaign(
  ctx: Pick<CommandContext, 'em'>,
  campaign: Campaign,
): Promise<Campaign> {
  campaign.status = 'INACTIVE';
  await ctx.em.flush();
  return campaign;
}
