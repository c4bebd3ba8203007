import {
  ActivateCampaignDocument,
  CreateApiKeyDocument,
  CreateCampaignDocument,
  type CreateCampaignInput,
  CreateFolderDocument,
  CreateProgramDocument,
  CreateStaticListDocument,
  CreateWorkspaceDocument,
  SetTokensDocument,
  UpsertLeadsDocument,
} from '../../src/generated/graphql.js';
import { ADMIN_KEY, type TestApp } from './app.js';
import { run } from './graphql.js';

/** What `seedWithTypedOperations` defined: global ids, and the workspace's key. */
export interface TypedSeed {
  workspace: string;
  key: string;
  folder: string;
  /** The parents' program, in the folder: `my.score` is +10. */
  program: string;
  /** The child's program, in the folder: `my.score` is +0. */
  childProgram: string;
  list: string;
  /** Executable: Change Score {{my.score}}, for leads whose email starts with "a". */
  child: string;
  /** Executes the child with the parent's token context, then adds "ada" leads to the list. */
  parentTrue: string;
  /** Executes the child in the child's own token context. */
  parentFalse: string;
  /** Active, listens for Campaign is Requested from the API: Change Score {{my.score}}. */
  listener: string;
  ada: string;
  grace: string;
}

/**
 * The seed's example (semantics T6), defined only through the typed operations of
 * operations/definitions.graphql as a client would: the admin key makes the workspace and its key,
 * that key the rest.
 */
export async function seedWithTypedOperations(t: TestApp): Promise<TypedSeed> {
  const { createWorkspace } = await run(t, ADMIN_KEY, CreateWorkspaceDocument, { name: 'Acme' });
  const workspace = createWorkspace.id;
  const { createApiKey } = await run(t, ADMIN_KEY, CreateApiKeyDocument, {
    workspaceId: workspace,
    name: 'frontend',
  });
  const key = createApiKey.secret;
  const { createFolder } = await run(t, key, CreateFolderDocument, {
    workspaceId: workspace,
    name: 'Marketing',
  });
  const folder = createFolder.id;
  await run(t, key, SetTokensDocument, {
    ownerId: folder,
    tokens: [{ name: 'my.greeting', value: 'Hello' }],
  });
  const program = async (name: string, score: string) => {
    const { createProgram } = await run(t, key, CreateProgramDocument, {
      workspaceId: workspace,
      name,
      folderId: folder,
    });
    await run(t, key, SetTokensDocument, {
      ownerId: createProgram.id,
      tokens: [{ name: 'my.score', value: score, type: 'SCORE' }],
    });
    return createProgram.id;
  };
  const parentsProgram = await program('Scoring', '+10');
  const childProgram = await program('Child program', '+0');
  const { createStaticList } = await run(t, key, CreateStaticListDocument, {
    workspaceId: workspace,
    name: 'VIPs',
  });
  const create = async (input: CreateCampaignInput) =>
    (await run(t, key, CreateCampaignDocument, { input })).createCampaign.id;
  const everyTime = { kind: 'EVERY_TIME' } as const;
  const child = await create({
    programId: childProgram,
    name: 'Score child',
    executable: true,
    qualificationRule: everyTime,
    smartList: {
      filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['a'] }],
    },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });
  const parentTrue = await create({
    programId: parentsProgram,
    name: 'Parent TRUE',
    qualificationRule: everyTime,
    flow: [
      { action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } },
      {
        choices: [
          {
            when: { kind: 'ATTRIBUTE', attribute: 'email', operator: 'CONTAINS', values: ['ada'] },
            action: { addToList: { listId: createStaticList.id } },
          },
        ],
      },
    ],
  });
  const parentFalse = await create({
    programId: parentsProgram,
    name: 'Parent FALSE',
    qualificationRule: everyTime,
    flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: false } } }],
  });
  const listener = await create({
    programId: parentsProgram,
    name: 'On request',
    qualificationRule: everyTime,
    smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] },
    flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
  });
  await run(t, key, ActivateCampaignDocument, { id: listener });
  const { upsertLeads } = await run(t, key, UpsertLeadsDocument, {
    workspaceId: workspace,
    leads: [{ email: 'ada@example.com' }, { email: 'grace@example.com' }],
  });
  const [ada, grace] = upsertLeads.map((lead) => lead.id) as [string, string];
  return {
    workspace,
    key,
    folder,
    program: parentsProgram,
    childProgram,
    list: createStaticList.id,
    child,
    parentTrue,
    parentFalse,
    listener,
    ada,
    grace,
  };
}
