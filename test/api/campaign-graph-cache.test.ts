import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';

/*
 * The campaign graph is kept across requests while the workspace's graph version stays (see
 * `workspaceSnapshot`): every kind of save must show on the next read, on the server that made it
 * and on another one over the same database (another API replica, which no event tells).
 */

let a: TestApp;
let b: TestApp;
let acme: WorkspaceWithKey;
let programId: string;

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp(a.database);
  acme = await createWorkspaceWithKey(a, 'Cached');
  programId = await createProgram(a, acme, 'P');
});
afterAll(async () => {
  await b.app.stop();
  await b.orm.close();
  await a.close();
});

interface Node {
  id: string;
  name: string;
  status: string;
  type: string;
  smartList: { isValid: boolean };
  executes: { id: string }[];
  executedBy: { id: string }[];
  problems: { code: string }[];
}
interface Graph {
  workspace: {
    folders: { id: string; name: string }[];
    programs: {
      id: string;
      name: string;
      folder: { id: string } | null;
      tokens: { name: string; value: string }[];
    }[];
    campaigns: { edges: { node: Node }[] };
  };
}

const GRAPH = `query ($ws: ID!) { workspace(id: $ws) {
  folders { id name }
  programs { id name folder { id } tokens { name value } }
  campaigns(first: 100) { edges { node {
    id name status type smartList { isValid } executes { id } executedBy { id } problems { code }
  } } }
} }`;

async function graphOn(server: TestApp): Promise<Graph['workspace']> {
  return (await run<Graph>(server, acme.key, GRAPH, { ws: acme.id })).workspace;
}

async function campaignOn(server: TestApp, id: string): Promise<Node | undefined> {
  return (await graphOn(server)).campaigns.edges.map(({ node }) => node).find((node) => node.id === id);
}

/** Reads the graph on both servers (so that both keep it), saves, then reads it on both again. */
async function afterSave<T>(save: () => Promise<unknown>, read: (server: TestApp) => Promise<T>) {
  await Promise.all([read(a), read(b)]);
  await save();
  return { same: await read(a), other: await read(b) };
}

const mutate = (query: string, variables: Record<string, unknown>) => run(a, acme.key, query, variables);
const UPDATE =
  'mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id } }';

describe('the campaign graph kept across requests', () => {
  it('sends the assets statement only when the graph changed', async () => {
    await createCampaign(a, acme, { programId, name: 'Counted' });
    const counted = async () => (await countingStatements(() => graphOn(a))).statements;
    const afterChange = await counted();
    const unchanged = await counted();
    expect(afterChange - unchanged).toBe(1);
  });

  it('answers a later mutation of the same document with what the earlier ones changed', async () => {
    const id = await createCampaign(a, acme, { programId, name: 'Before' });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const data = await mutate(
      `mutation ($id: ID!, $at: DateTime) {
        read: updateCampaign(id: $id, input: { description: "read" }) { program { campaigns { name } } }
        rename: updateCampaign(id: $id, input: { name: "After" }) { id }
        run: scheduleCampaign(campaignId: $id, runAt: $at) { campaign { name } }
      }`,
      { id, at: later },
    );
    expect(data.run).toEqual({ campaign: { name: 'After' } });
  });

  it('answers a later mutation with the renamed target of an Execute Campaign step', async () => {
    const target = await createCampaign(a, acme, { programId, name: 'Target before', executable: true });
    const caller = await createCampaign(a, acme, {
      programId,
      name: 'Caller',
      flow: [{ action: { executeCampaign: { campaignId: target, useParentTokenContext: false } } }],
    });
    const targetName = '{ flow { action { ... on ExecuteCampaign { campaign { name } } } } }';
    const data = await mutate(
      `mutation ($caller: ID!, $target: ID!) {
        before: updateCampaign(id: $caller, input: { description: "read" }) ${targetName}
        rename: updateCampaign(id: $target, input: { name: "Target after" }) { id }
        after: updateCampaign(id: $caller, input: { description: "again" }) ${targetName}
      }`,
      { caller, target },
    );
    expect(data.before).toEqual({ flow: [{ action: { campaign: { name: 'Target before' } } }] });
    expect(data.after).toEqual({ flow: [{ action: { campaign: { name: 'Target after' } } }] });
  });

  it('shows a renamed campaign', async () => {
    const id = await createCampaign(a, acme, { programId, name: 'Old name' });
    const { same, other } = await afterSave(
      () => mutate(UPDATE, { id, input: { name: 'New name' } }),
      (server) => campaignOn(server, id),
    );
    expect(same?.name).toBe('New name');
    expect(other?.name).toBe('New name');
  });

  it('shows a flow change in executes, executedBy and problems', async () => {
    const child = await createCampaign(a, acme, { programId, name: 'Child', executable: true });
    const parent = await createCampaign(a, acme, { programId, name: 'Parent' });
    const flow = [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } }];
    const { same, other } = await afterSave(
      () => mutate(UPDATE, { id: parent, input: { flow } }),
      async (server) => [await campaignOn(server, parent), await campaignOn(server, child)],
    );
    for (const [parentNode, childNode] of [same, other]) {
      expect(parentNode?.executes).toEqual([{ id: child }]);
      expect(childNode?.executedBy).toEqual([{ id: parent }]);
    }
    const untokened = [{ action: { changeScore: { change: '{{my.nowhere}}' } } }];
    const changed = await afterSave(
      () => mutate(UPDATE, { id: parent, input: { flow: untokened } }),
      async (server) => [await campaignOn(server, parent), await campaignOn(server, child)],
    );
    for (const [parentNode, childNode] of [changed.same, changed.other]) {
      expect(parentNode?.executes).toEqual([]);
      expect(parentNode?.problems).toEqual([{ code: 'UNDEFINED_TOKEN' }]);
      expect(childNode?.executedBy).toEqual([]);
    }
  });

  it('shows a smart-list change, and a deleted smart list making the campaigns naming it invalid', async () => {
    const { createSmartList } = await mutate(
      'mutation ($ws: ID!) { createSmartList(workspaceId: $ws, name: "Audience", definition: { filters: [] }) { id } }',
      { ws: acme.id },
    );
    const asset = (createSmartList as { id: string }).id;
    const id = await createCampaign(a, acme, {
      programId,
      name: 'Listening',
      smartList: { filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: asset }] },
    });
    const triggered = { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] };
    const own = await afterSave(
      () => mutate(UPDATE, { id, input: { smartList: triggered } }),
      (server) => campaignOn(server, id),
    );
    expect([own.same?.type, own.other?.type]).toEqual(['TRIGGER', 'TRIGGER']);
    const back = { filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: asset }] };
    await mutate(UPDATE, { id, input: { smartList: back } });
    const deleted = await afterSave(
      () => mutate('mutation ($id: ID!) { deleteSmartList(id: $id) }', { id: asset }),
      (server) => campaignOn(server, id),
    );
    for (const node of [deleted.same, deleted.other]) {
      expect(node?.smartList.isValid).toBe(false);
      expect(node?.problems).toEqual([{ code: 'INVALID_SMART_LIST' }]);
    }
  });

  it('shows changed My Tokens, and the problems they resolve', async () => {
    const id = await createCampaign(a, acme, {
      programId,
      name: 'Tokened',
      flow: [{ action: { changeScore: { change: '{{my.bonus}}' } } }],
    });
    const { same, other } = await afterSave(
      () =>
        mutate(
          'mutation ($owner: ID!, $tokens: [TokenInput!]!) { setTokens(ownerId: $owner, tokens: $tokens) { name } }',
          { owner: programId, tokens: [{ name: 'my.bonus', type: 'SCORE', value: '+5' }] },
        ),
      async (server) => ({
        program: (await graphOn(server)).programs.find((program) => program.id === programId),
        campaign: await campaignOn(server, id),
      }),
    );
    for (const seen of [same, other]) {
      expect(seen.program?.tokens).toEqual([{ name: 'my.bonus', value: '+5' }]);
      expect(seen.campaign?.problems).toEqual([]);
    }
  });

  it('shows new folders and programs', async () => {
    const { same, other } = await afterSave(async () => {
      const { createFolder } = await mutate(
        'mutation ($ws: ID!) { createFolder(workspaceId: $ws, name: "Spring") { id } }',
        { ws: acme.id },
      );
      await mutate(
        'mutation ($ws: ID!, $folder: ID!) { createProgram(workspaceId: $ws, name: "Launch", folderId: $folder) { id } }',
        { ws: acme.id, folder: (createFolder as { id: string }).id },
      );
    }, graphOn);
    for (const seen of [same, other]) {
      const folder = seen.folders.find((candidate) => candidate.name === 'Spring');
      expect(folder).toBeDefined();
      expect(seen.programs.find((program) => program.name === 'Launch')?.folder).toEqual({ id: folder?.id });
    }
  });

  it('shows activation and deactivation', async () => {
    const id = await createCampaign(a, acme, {
      programId,
      name: 'Trigger',
      smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }] },
    });
    const activated = await afterSave(
      () => mutate('mutation ($id: ID!) { activateCampaign(id: $id) { id } }', { id }),
      (server) => campaignOn(server, id),
    );
    expect([activated.same?.status, activated.other?.status]).toEqual(['ACTIVE', 'ACTIVE']);
    const deactivated = await afterSave(
      () => mutate('mutation ($id: ID!) { deactivateCampaign(id: $id) { id } }', { id }),
      (server) => campaignOn(server, id),
    );
    expect([deactivated.same?.status, deactivated.other?.status]).toEqual(['INACTIVE', 'INACTIVE']);
  });

  it('leaves a deleted campaign out, and out of its callee’s executedBy', async () => {
    const child = await createCampaign(a, acme, { programId, name: 'Callee', executable: true });
    const parent = await createCampaign(a, acme, {
      programId,
      name: 'Caller',
      flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } }],
    });
    const { same, other } = await afterSave(
      () => mutate('mutation ($id: ID!) { deleteCampaign(id: $id) }', { id: parent }),
      async (server) => [await campaignOn(server, parent), await campaignOn(server, child)],
    );
    for (const [parentNode, childNode] of [same, other]) {
      expect(parentNode).toBeUndefined();
      expect(childNode?.executedBy).toEqual([]);
    }
  });
});
