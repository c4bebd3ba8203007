import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createAnnouncer } from '../commands/announcer.js';
import { createApiKey, createFolder, createProgram, createWorkspace } from '../commands/assets.js';
import { activateCampaign, createCampaign } from '../commands/campaigns.js';
import type { CommandContext } from '../commands/context.js';
import { upsertLeads } from '../commands/leads.js';
import { replaceTokens } from '../commands/tokens.js';
import type { StoredFlowStep } from '../db/entities/campaign.entity.js';
import type { Program } from '../db/entities/program.entity.js';
import { Workspace } from '../db/entities/workspace.entity.js';
import type { Orm } from '../db/orm.js';
import type { FlowAction } from '../domain/model.js';
import { NO_ALLOWED_TARGETS } from '../domain/network-targets.js';
import { requireTokens } from '../domain/tokens.js';
import {
  DEMO_WORKSPACE,
  type DemoAction,
  type DemoCampaignKey,
  type DemoProgramKey,
} from './demo-workspace.js';

/** A demo workspace as built: what the instructions print. Ids are database ids. */
export interface Demo {
  workspace: { id: string; name: string };
  /** The secret of the demo's workspace key: shown once, only its hash is kept. */
  apiKey: string;
  campaigns: Record<DemoCampaignKey, string>;
}

/** The demo's name, or the first of "name 2", "name 3"... that no workspace has yet. */
async function freeName(em: EntityManager): Promise<string> {
  const base: string = DEMO_WORKSPACE.name;
  const taken = new Set(
    (await em.find(Workspace, { name: { $like: `${base}%` } }, { fields: ['name'] })).map(
      (workspace) => workspace.name,
    ),
  );
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base} ${suffix}`;
  return name;
}

function stepOf(action: DemoAction, campaignIds: Partial<Record<DemoCampaignKey, string>>): StoredFlowStep {
  const resolved: FlowAction =
    action.type === 'executeCampaign'
      ? {
          type: 'executeCampaign',
          campaignId: campaignIds[action.campaign] as string,
          useParentTokenContext: action.useParentTokenContext,
        }
      : action;
  return { id: randomUUID(), action: resolved, choices: [] };
}

/**
 * Builds the seed's example (see `DEMO_WORKSPACE`) in a new workspace, through the same commands
 * the API uses, with a key for that workspace. Asked twice, it builds a second one under the next
 * free name: a demo is never changed once made.
 */
export async function createDemo(orm: Orm, log: Logger): Promise<Demo> {
  const ctx: CommandContext = {
    em: orm.em.fork(),
    // Nobody follows a workspace that does not exist yet: there is nothing to announce.
    announcer: createAnnouncer(orm, undefined, log),
    allowedWebhookTargets: NO_ALLOWED_TARGETS,
  };
  const workspace = await createWorkspace(ctx, await freeName(ctx.em));
  const { secret } = await createApiKey(ctx, workspace, DEMO_WORKSPACE.apiKeyName);
  const folder = await createFolder(ctx, workspace, { name: DEMO_WORKSPACE.folder.name, parent: null });
  await replaceTokens(ctx, { folder, program: null }, requireTokens(DEMO_WORKSPACE.folder.tokens));
  const programs: Partial<Record<DemoProgramKey, Program>> = {};
  for (const { key, name, tokens } of DEMO_WORKSPACE.programs) {
    const program = await createProgram(ctx, workspace, {
      name,
      folder,
      statuses: [...DEMO_WORKSPACE.statuses],
    });
    if (tokens.length > 0) await replaceTokens(ctx, { folder: null, program }, requireTokens(tokens));
    programs[key] = program;
  }
  const campaignIds: Partial<Record<DemoCampaignKey, string>> = {};
  for (const demo of DEMO_WORKSPACE.campaigns) {
    const campaign = await createCampaign(ctx, programs[demo.program] as Program, {
      name: demo.name,
      description: demo.description,
      isExecutable: demo.executable,
      smartList: demo.smartList,
      flow: demo.flow.map((action) => stepOf(action, campaignIds)),
      qualificationRule: demo.qualificationRule,
    });
    if (demo.activate) await activateCampaign(ctx, campaign);
    campaignIds[demo.key] = campaign.id;
  }
  await upsertLeads(
    ctx,
    workspace.id,
    DEMO_WORKSPACE.leads.map((email) => ({ email, fields: {} })),
  );
  return {
    workspace: { id: workspace.id, name: workspace.name },
    apiKey: secret,
    campaigns: campaignIds as Record<DemoCampaignKey, string>,
  };
}
