import type { Campaign } from '../db/entities/campaign.entity.js';
import { toDomainCampaign } from '../db/mappers.js';
import { DomainError } from '../domain/errors.js';
import { campaignType } from '../domain/validation.js';
import type { CommandContext } from './context.js';

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
