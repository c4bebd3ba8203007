import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { type GraphQLResponse, startTestApp, type TestApp } from './app.js';
import {
  createProgram,
  createStaticList,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from './factories.js';

const CAMPAIGN_FIELDS = `id name type status isExecutable
  flow { position action { __typename } choices { action { __typename } } }
  executes { name } executedBy { name }
  problems { code stepPosition }
  smartList { isValid }
  qualificationRule { kind every unit }`;
export const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
export const UPDATE_CAMPAIGN = `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;

/** A campaign as CREATE_CAMPAIGN and UPDATE_CAMPAIGN read it back. */
export type CampaignView = {
  id: string;
  name: string;
  type: string;
  status: string;
  isExecutable: boolean;
  executes: { name: string }[];
  executedBy: { name: string }[];
  problems: { code: string; stepPosition: number | null }[];
  smartList: { isValid: boolean };
};

/** A flow step that executes the campaign. */
export const execute = (campaignId: string, useParentTokenContext = false) => ({
  action: { executeCampaign: { campaignId, useParentTokenContext } },
});

/**
 * The test app for the campaign mutations' own tests: Acme with a program (Scoring) and a static list
 * (VIPs), and Globex, which owns nothing.
 */
export interface CampaignApp {
  t: TestApp;
  acme: WorkspaceWithKey;
  globex: WorkspaceWithKey;
  /** Acme's static list. */
  list: string;
  /** Sends CREATE_CAMPAIGN for Acme's program, with Acme's key unless told. */
  create(
    input: Record<string, unknown>,
    key?: string,
  ): Promise<GraphQLResponse<{ createCampaign: CampaignView }>>;
  /** `create` that must succeed. */
  createOk(input: Record<string, unknown>): Promise<CampaignView>;
  /** An executable campaign with this flow (none unless told). */
  executable(name: string, flow?: unknown[]): Promise<CampaignView>;
  /** How many campaigns there are, of every workspace. */
  campaignCount(): Promise<number>;
  close(): Promise<void>;
}

/** Starts a CampaignApp: see there for what it holds. */
export async function startCampaignApp(): Promise<CampaignApp> {
  const t = await startTestApp();
  const acme = await createWorkspaceWithKey(t, 'Acme');
  const globex = await createWorkspaceWithKey(t, 'Globex');
  const program = await createProgram(t, acme, 'Scoring');
  const list = await createStaticList(t, acme, 'VIPs');
  const create = (input: Record<string, unknown>, key = acme.key) =>
    t.graphql<{ createCampaign: CampaignView }>(
      CREATE_CAMPAIGN,
      { input: { programId: program, ...input } },
      key,
    );
  const createOk = async (input: Record<string, unknown>) => {
    const response = await create(input);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.createCampaign;
  };
  return {
    t,
    acme,
    globex,
    list,
    create,
    createOk,
    executable: (name, flow = []) => createOk({ name, executable: true, flow }),
    campaignCount: () => t.orm.em.fork().count(Campaign, {}),
    close: () => t.close(),
  };
}
