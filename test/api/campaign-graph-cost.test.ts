import { encodeGlobalID } from '@pothos/plugin-relay';
import { getOperationAST } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaignGraph } from '../../bench/api-workload.js';
import type { Api } from '../../src/console/api.js';
import { loadWorkspaceGraph } from '../../src/console/graph.js';
import { loadCampaignGraph } from '../../src/db/mappers.js';
import { query } from '../../src/db/sql/query.js';
import { executedCampaignIds } from '../../src/domain/execution-graph.js';
import type { Campaign } from '../../src/domain/model.js';
import { NO_ALLOWED_TARGETS } from '../../src/domain/network-targets.js';
import { campaignProblems } from '../../src/domain/validation.js';
import {
  CampaignGraphDocument,
  CampaignGraphPageDocument,
  CreateApiKeyDocument,
} from '../../src/generated/graphql.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createCampaign, createProgram, createWorkspaceWithKey } from '../helpers/factories.js';
import { request, run } from '../helpers/graphql.js';
import { countingStatements } from '../helpers/statements.js';

let t: TestApp;
let key: string;
let workspaceId: string;

beforeAll(async () => {
  t = await startTestApp();
  // A second workspace whose campaigns must stay out of the first one's graph.
  await seedCampaignGraph(t.orm, 20, 0);
  ({ workspaceId } = await seedCampaignGraph(t.orm, 30, 10));
  const { createApiKey } = await run(t, ADMIN_KEY, CreateApiKeyDocument, {
    workspaceId: encodeGlobalID('Workspace', workspaceId),
    name: 'graph',
  });
  key = createApiKey.secret;
});
afterAll(() => t.close());

const readGraphOf = (ofWorkspace: string, withKey: string) =>
  request(t, withKey, CampaignGraphDocument, {
    workspaceId: encodeGlobalID('Workspace', ofWorkspace),
    first: 100,
  });
const readGraph = () => readGraphOf(workspaceId, key);

/** Every campaign's problems, edges and callers as the domain tells them, one campaign at a time. */
async function expectedNodes(ofWorkspace = workspaceId) {
  const graph = await loadCampaignGraph(t.orm.em.fork(), ofWorkspace);
  const campaigns = Object.values(graph.campaigns).sort((a, b) => Number(a.id) - Number(b.id));
  const global = (campaign: Pick<Campaign, 'id'>) => ({ id: encodeGlobalID('Campaign', campaign.id) });
  return campaigns.map((campaign) => ({
    name: campaign.name,
    executes: executedCampaignIds(campaign)
      .filter((id) => graph.campaigns[id])
      .map((id) => global({ id })),
    executedBy: campaigns.filter((caller) => executedCampaignIds(caller).includes(campaign.id)).map(global),
    problems: campaignProblems(campaign, graph, NO_ALLOWED_TARGETS).map(
      ({ code, message, stepPosition }) => ({
        code,
        message,
        stepPosition,
      }),
    ),
  }));
}

describe('the campaign graph query (operations/campaign-graph.graphql)', () => {
  it('reads every campaign with its problems, executes and executedBy in at most 6 statements, the key check included', async () => {
    const { result, statements } = await countingStatements(readGraph);
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.workspace?.campaigns.edges.map(({ node }) => node) ?? [];
    expect(nodes).toHaveLength(30);
    expect(
      nodes.map(({ name, executes, executedBy, problems }) => ({ name, executes, executedBy, problems })),
    ).toEqual(await expectedNodes());
    expect(statements, `${statements} statements`).toBeLessThanOrEqual(6);
  });

  it('reports each kind of graph problem on the campaign that causes it', async () => {
    const { data } = await readGraph();
    const byName = new Map(data?.workspace?.campaigns.edges.map(({ node }) => [node.name, node]));
    const codes = (name: string) => byName.get(name)?.problems.map((problem) => problem.code);
    expect(codes('Top 1')).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
    expect(byName.get('Top 1')?.problems[0]?.message).toBe(
      'the execution chain Top 1 > First 1 > Second 1 > Third 1 > Fourth 1 is 4 levels deep; at most 3',
    );
    expect(codes('Ping 2')).toEqual(['EXECUTION_CYCLE']);
    expect(codes('Broken 0')).toEqual(['INVALID_SMART_LIST', 'INVALID_SMART_LIST']);
    expect(codes('Untokened 0')).toEqual(['UNDEFINED_TOKEN', 'EXECUTE_TARGET_NOT_EXECUTABLE']);
    expect(codes('Fourth 0')).toEqual([]);
    expect(byName.get('Second 0')?.executedBy).toEqual([{ id: byName.get('First 0')?.id }]);
    expect(byName.get('Top 0')?.executedBy).toEqual([{ id: byName.get('Untokened 0')?.id }]);
    expect(byName.get('Top 0')?.executes).toEqual([{ id: byName.get('First 0')?.id }]);
  });

  it('sends as many statements for a page of 3 campaigns as for all 30', async () => {
    // With the admin key: a workspace key is looked up again when its second of trust has passed.
    const few = await countingStatements(() =>
      request(t, ADMIN_KEY, CampaignGraphDocument, {
        workspaceId: encodeGlobalID('Workspace', workspaceId),
        first: 3,
      }),
    );
    const all = await countingStatements(() => readGraphOf(workspaceId, ADMIN_KEY));
    expect(few.result.data?.workspace?.campaigns.edges).toHaveLength(3);
    expect(all.statements).toBe(few.statements);
  });

  it('answers each mutation of a document from the workspace as that mutation left it', async () => {
    const acme = await createWorkspaceWithKey(t, 'Fresh');
    const programId = await createProgram(t, acme, 'P');
    const child = await createCampaign(t, acme, { programId, name: 'Child', executable: true });
    const parent = await createCampaign(t, acme, {
      programId,
      name: 'Parent',
      flow: [{ action: { executeCampaign: { campaignId: child, useParentTokenContext: true } } }],
    });
    const callers = '{ executedBy { name } program { campaigns { name } } }';
    const data = await run<Record<string, { executedBy: { name: string }[] }>>(
      t,
      acme.key,
      `mutation ($child: ID!, $parent: ID!, $programId: ID!) {
        before: updateCampaign(id: $child, input: { description: "before" }) ${callers}
        unhook: updateCampaign(id: $parent, input: { flow: [] }) { name }
        created: createCampaign(input: { programId: $programId, name: "Later" }) { name }
        after: updateCampaign(id: $child, input: { description: "after" }) ${callers}
      }`,
      { child, parent, programId },
    );
    expect(data.before).toEqual({
      executedBy: [{ name: 'Parent' }],
      program: { campaigns: [{ name: 'Child' }, { name: 'Parent' }] },
    });
    expect(data.after).toEqual({
      executedBy: [],
      program: { campaigns: [{ name: 'Child' }, { name: 'Parent' }, { name: 'Later' }] },
    });
  });

  it('reads a graph of many pages as the console does: folders and programs with the first page only', async () => {
    const large = await seedCampaignGraph(t.orm, 250, 0);
    const workspace = encodeGlobalID('Workspace', large.workspaceId);
    const sent: string[] = [];
    const api = {
      request: (document, variables) => {
        sent.push(getOperationAST(document)?.name?.value ?? 'anonymous');
        return run(t, ADMIN_KEY, document, variables);
      },
    } as Pick<Api, 'request'> as Api;
    const graph = await loadWorkspaceGraph(api, workspace);
    expect(sent).toEqual(['CampaignGraph', 'CampaignGraphPage', 'CampaignGraphPage']);
    expect(graph.campaigns.map(({ id }) => id)).toEqual(
      large.campaignIds.map((id) => encodeGlobalID('Campaign', id)),
    );
    expect(graph.programs).toHaveLength(25);
    const first = await readGraphOf(large.workspaceId, ADMIN_KEY);
    const next = await request(t, ADMIN_KEY, CampaignGraphPageDocument, {
      workspaceId: workspace,
      first: 100,
      after: first.data?.workspace?.campaigns.pageInfo.endCursor,
    });
    expect(next.data?.workspace).not.toHaveProperty('programs');
    expect(next.data?.workspace?.campaigns.edges.map(({ node }) => node)).toEqual(
      graph.campaigns.slice(100, 200),
    );
  });

  it('keeps every digit of ids past 2^53', async () => {
    const past = '9007199254740993';
    for (const table of ['campaign', 'program', 'folder', 'my_token', 'smart_list', 'lead_field'])
      await query(t.orm.em.fork(), `select setval('${table}_id_seq', ?)`, [past]);
    const large = await seedCampaignGraph(t.orm, 10, 0);
    const { data } = await readGraphOf(large.workspaceId, ADMIN_KEY);
    const nodes = data?.workspace?.campaigns.edges.map(({ node }) => node) ?? [];
    expect(nodes.map(({ id }) => id)).toEqual(large.campaignIds.map((id) => encodeGlobalID('Campaign', id)));
    expect(nodes.map(({ program }) => program.id)).toEqual(
      nodes.map(() => encodeGlobalID('Program', '9007199254740994')),
    );
    expect(
      nodes.map(({ name, executes, executedBy, problems }) => ({ name, executes, executedBy, problems })),
    ).toEqual(await expectedNodes(large.workspaceId));
  });
});
