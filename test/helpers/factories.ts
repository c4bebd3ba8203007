import {
  CreateApiKeyDocument,
  CreateProgramDocument,
  CreateStaticListDocument,
  CreateWorkspaceDocument,
  SetTokensDocument,
} from '../../src/generated/graphql.js';
import { ADMIN_KEY, type TestApp } from './app.js';
import { run } from './graphql.js';

/** A workspace's global id and a key that sees only it. */
export type WorkspaceWithKey = { id: string; key: string };

/** The most leads one upsertLeads call takes. */
const LEADS_PER_UPSERT = 1000;

/** A workspace and a key that sees only it. */
export async function createWorkspaceWithKey(t: TestApp, name: string): Promise<WorkspaceWithKey> {
  const { createWorkspace } = await run(t, ADMIN_KEY, CreateWorkspaceDocument, { name });
  const { createApiKey } = await run(t, ADMIN_KEY, CreateApiKeyDocument, {
    workspaceId: createWorkspace.id,
    name: 'tests',
  });
  return { id: createWorkspace.id, key: createApiKey.secret };
}

/** Another key of the workspace, named `name`: its id and its secret. */
export async function createApiKey(
  t: TestApp,
  workspace: WorkspaceWithKey,
  name: string,
): Promise<{ id: string; secret: string }> {
  const { createApiKey } = await run(t, ADMIN_KEY, CreateApiKeyDocument, { workspaceId: workspace.id, name });
  return createApiKey;
}

/** A program of the workspace with the default statuses and no tokens; resolves with its global id. */
export async function createProgram(t: TestApp, workspace: WorkspaceWithKey, name: string): Promise<string> {
  const { createProgram } = await run(t, workspace.key, CreateProgramDocument, {
    workspaceId: workspace.id,
    name,
  });
  return createProgram.id;
}

/** A program of the workspace whose My Token `my.score` is `score` (the seed's example needs two). */
export async function createScoredProgram(
  t: TestApp,
  workspace: WorkspaceWithKey,
  name: string,
  score: string,
): Promise<string> {
  const program = await createProgram(t, workspace, name);
  await run(t, workspace.key, SetTokensDocument, {
    ownerId: program,
    tokens: [{ name: 'my.score', value: score, type: 'SCORE' }],
  });
  return program;
}

/** An empty static list of the workspace; resolves with its global id. */
export async function createStaticList(
  t: TestApp,
  workspace: WorkspaceWithKey,
  name: string,
): Promise<string> {
  const { createStaticList } = await run(t, workspace.key, CreateStaticListDocument, {
    workspaceId: workspace.id,
    name,
  });
  return createStaticList.id;
}

/**
 * A campaign made by `createCampaign` with the workspace's key; `input` is its CreateCampaignInput,
 * sent as given. Resolves with the campaign's global id.
 */
export async function createCampaign(
  t: TestApp,
  workspace: WorkspaceWithKey,
  input: Record<string, unknown>,
): Promise<string> {
  const { createCampaign } = await run<{ createCampaign: { id: string } }>(
    t,
    workspace.key,
    'mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }',
    { input },
  );
  return createCampaign.id;
}

/**
 * Creates or updates the leads through `upsertLeads`, as many calls as its limit needs; resolves with
 * their global ids, in the order given.
 */
export async function upsertLeads(
  t: TestApp,
  workspace: WorkspaceWithKey,
  leads: { email: string; fields?: Record<string, unknown> }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < leads.length; start += LEADS_PER_UPSERT) {
    const { upsertLeads } = await run<{ upsertLeads: { id: string }[] }>(
      t,
      workspace.key,
      'mutation ($ws: ID!, $leads: [LeadInput!]!) { upsertLeads(workspaceId: $ws, leads: $leads) { id } }',
      { ws: workspace.id, leads: leads.slice(start, start + LEADS_PER_UPSERT) },
    );
    ids.push(...upsertLeads.map((lead) => lead.id));
  }
  return ids;
}
