import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignRun as CampaignRunEntity } from '../../src/db/entities/campaign-run.entity.js';
import {
  type ActivityFieldsFragment,
  CampaignDocument,
  CampaignGraphDocument,
  CampaignRunDocument,
  CancelCampaignRunDocument,
  CreateCampaignDocument,
  RequestCampaignDocument,
  ScheduleCampaignDocument,
  SimulateCampaignDocument,
  UpdateCampaignDocument,
  ViewerDocument,
  WorkspaceLeadsDocument,
} from '../../src/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestWorker } from '../helpers/campaign-runs.js';
import { errorCodes, request, run } from '../helpers/graphql.js';
import { seedWithTypedOperations, type TypedSeed } from '../helpers/typed-seed.js';

let t: TestApp;
let worker: { stop(): Promise<void> };
let seed: TypedSeed;

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  seed = await seedWithTypedOperations(t);
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** The run once it is COMPLETED, with its activities, through the CampaignRun query. */
async function finished(id: string) {
  const read = async () => (await run(t, seed.key, CampaignRunDocument, { id, first: 100 })).campaignRun;
  await expect.poll(async () => (await read())?.status, { timeout: 20_000, interval: 100 }).toBe('COMPLETED');
  const campaignRun = await read();
  if (!campaignRun) throw new Error(`run ${id} is not visible`);
  return campaignRun;
}

const executeRows = (activities: ActivityFieldsFragment[]) =>
  activities.flatMap((activity) => (activity.__typename === 'ExecuteCampaignActivity' ? [activity] : []));

describe('the campaign graph', () => {
  it("CampaignGraph reads back the seed's folders, programs, campaigns and Execute Campaign edges", async () => {
    const { workspace } = await run(t, seed.key, CampaignGraphDocument, {
      workspaceId: seed.workspace,
      first: 50,
    });
    expect(workspace?.folders).toEqual([
      {
        id: seed.folder,
        name: 'Marketing',
        parent: null,
        tokens: [{ name: 'my.greeting', type: 'TEXT', value: 'Hello' }],
      },
    ]);
    expect(workspace?.programs.map((program) => [program.id, program.folder?.id, program.tokens])).toEqual([
      [seed.program, seed.folder, [{ name: 'my.score', type: 'SCORE', value: '+10' }]],
      [seed.childProgram, seed.folder, [{ name: 'my.score', type: 'SCORE', value: '+0' }]],
    ]);
    expect(workspace?.campaigns.pageInfo.hasNextPage).toBe(false);
    const campaigns = workspace?.campaigns.edges.map((edge) => edge.node) ?? [];
    expect(
      campaigns.map((campaign) => [campaign.id, campaign.type, campaign.status, campaign.isExecutable]),
    ).toEqual([
      [seed.child, 'EXECUTABLE', 'INACTIVE', true],
      [seed.parentTrue, 'BATCH', 'INACTIVE', false],
      [seed.parentFalse, 'BATCH', 'INACTIVE', false],
      [seed.listener, 'TRIGGER', 'ACTIVE', false],
    ]);
    expect(campaigns.map((campaign) => campaign.problems)).toEqual([[], [], [], []]);
    const [child, parentTrue, parentFalse, listener] = campaigns;
    expect(child?.executedBy).toEqual([{ id: seed.parentTrue }, { id: seed.parentFalse }]);
    expect(parentTrue?.executes).toEqual([{ id: seed.child }]);
    // The union narrows on __typename: a client reads an Execute Campaign step's fields without a cast.
    const tokenContexts = [parentTrue, parentFalse].map((parent) => {
      const action = parent?.flow[0]?.action;
      return action?.__typename === 'ExecuteCampaign'
        ? [action.campaign.id, action.useParentTokenContext]
        : action?.__typename;
    });
    expect(tokenContexts).toEqual([
      [seed.child, true],
      [seed.child, false],
    ]);
    expect(parentTrue?.flow[1]).toEqual({
      position: 2,
      action: null,
      choices: [{ action: { __typename: 'AddToList' } }],
    });
    expect(listener?.smartList).toEqual({
      isValid: true,
      triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }],
    });
  });

  it("Campaign reads one campaign's whole definition, choices included, and the tokens in effect", async () => {
    const { campaign } = await run(t, seed.key, CampaignDocument, { id: seed.parentTrue });
    expect(campaign?.flow).toEqual([
      {
        id: expect.any(String),
        position: 1,
        action: {
          __typename: 'ExecuteCampaign',
          campaign: { id: seed.child, name: 'Score child' },
          useParentTokenContext: true,
        },
        choices: [],
      },
      {
        id: expect.any(String),
        position: 2,
        action: null,
        choices: [
          {
            when: {
              kind: 'ATTRIBUTE',
              attribute: 'email',
              operator: 'CONTAINS',
              values: ['ada'],
              status: null,
              program: null,
              staticList: null,
              smartList: null,
            },
            action: { __typename: 'AddToList', list: { id: seed.list, name: 'VIPs' } },
          },
        ],
      },
    ]);
    expect(campaign?.program.effectiveTokens).toEqual([
      {
        name: 'my.greeting',
        type: 'TEXT',
        value: 'Hello',
        definedBy: { __typename: 'Folder', id: seed.folder },
      },
      {
        name: 'my.score',
        type: 'SCORE',
        value: '+10',
        definedBy: { __typename: 'Program', id: seed.program },
      },
    ]);
    const { campaign: child } = await run(t, seed.key, CampaignDocument, { id: seed.child });
    expect(child?.smartList.filters).toEqual([
      expect.objectContaining({ position: 1, attribute: 'email', operator: 'STARTS_WITH', values: ['a'] }),
    ]);
    expect(child?.executedBy.map((caller) => caller.name)).toEqual(['Parent TRUE', 'Parent FALSE']);
  });

  it('CampaignGraph pages with the cursor and filters by type', async () => {
    const first = await run(t, seed.key, CampaignGraphDocument, { workspaceId: seed.workspace, first: 3 });
    const { endCursor, hasNextPage } = first.workspace?.campaigns.pageInfo ?? {};
    expect(hasNextPage).toBe(true);
    const rest = await run(t, seed.key, CampaignGraphDocument, {
      workspaceId: seed.workspace,
      first: 3,
      after: endCursor,
    });
    expect(rest.workspace?.campaigns.edges.map((edge) => edge.node.id)).toEqual([seed.listener]);
    const executables = await run(t, seed.key, CampaignGraphDocument, {
      workspaceId: seed.workspace,
      type: 'EXECUTABLE',
    });
    expect(executables.workspace?.campaigns.edges.map((edge) => edge.node.id)).toEqual([seed.child]);
  });

  it('CreateCampaign and UpdateCampaign answer with the saved definition and why it cannot run', async () => {
    const { createCampaign } = await run(t, seed.key, CreateCampaignDocument, {
      input: {
        programId: seed.program,
        name: 'Hand over',
        flow: [{ action: { requestCampaign: { campaignId: seed.parentFalse } } }],
      },
    });
    expect(createCampaign.problems).toEqual([
      { code: 'NOT_REQUESTABLE', message: expect.any(String), stepPosition: 1 },
    ]);
    const { updateCampaign } = await run(t, seed.key, UpdateCampaignDocument, {
      id: createCampaign.id,
      input: { flow: [{ action: { changeScore: { change: '{{my.score}}' } } }] },
    });
    expect(updateCampaign.problems).toEqual([]);
    expect(updateCampaign.flow[0]?.action).toEqual({
      __typename: 'ChangeScore',
      scoreName: 'score',
      change: '{{my.score}}',
    });
  });

  it('Viewer answers the workspaces a key sees', async () => {
    expect(await run(t, seed.key, ViewerDocument, {})).toEqual({
      viewer: { isAdmin: false, workspaces: [{ id: seed.workspace, name: 'Acme' }] },
    });
  });

  it('is null for a key of another workspace', async () => {
    const other = await seedWithTypedOperations(t);
    const { workspace } = await run(t, other.key, CampaignGraphDocument, { workspaceId: seed.workspace });
    expect(workspace).toBeNull();
  });
});

describe('the dry run', () => {
  it('SimulateCampaign answers qualified, with the child run in the context the step says', async () => {
    const simulate = async (campaignId: string, leadId: string) =>
      (
        await run(t, seed.key, SimulateCampaignDocument, {
          campaignId,
          leadId,
          tokens: [{ name: 'my.score', value: '+25', type: 'SCORE' }],
        })
      ).simulateCampaign;

    const inParentContext = await simulate(seed.parentTrue, seed.ada);
    expect(inParentContext.qualified).toBe(true);
    expect(inParentContext.activities.map((activity) => [activity.type, activity.qualified])).toEqual([
      ['EXECUTE_CAMPAIGN', true],
      ['CHANGE_SCORE', null],
      ['ADD_TO_LIST', null],
    ]);
    expect(inParentContext.leadAfter).toMatchObject({ score: 25 });

    expect((await simulate(seed.parentFalse, seed.ada)).leadAfter).toMatchObject({ score: 0 });

    const notInChildList = await simulate(seed.parentTrue, seed.grace);
    expect(notInChildList.qualified).toBe(true);
    expect(notInChildList.activities.map((activity) => [activity.type, activity.qualified])).toEqual([
      ['EXECUTE_CAMPAIGN', false],
    ]);
  });

  it('WorkspaceLeads pages through the leads to pick one from, in creation order', async () => {
    const page = async (after: string | null) =>
      (await run(t, seed.key, WorkspaceLeadsDocument, { workspaceId: seed.workspace, first: 1, after }))
        .workspace?.leads;
    const first = await page(null);
    expect(first?.edges.map(({ node }) => node)).toEqual([{ id: seed.ada, email: 'ada@example.com' }]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = await page(first?.pageInfo.endCursor ?? null);
    expect(second?.edges.map(({ node }) => node.id)).toEqual([seed.grace]);
  });

  it('is NOT_FOUND for an id that names no lead', async () => {
    const response = await request(t, seed.key, SimulateCampaignDocument, {
      campaignId: seed.parentTrue,
      leadId: seed.parentFalse,
    });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });
});

describe('runs', () => {
  it('ScheduleCampaign with a token override makes a run that completes with the overridden value', async () => {
    const { scheduleCampaign } = await run(t, seed.key, ScheduleCampaignDocument, {
      campaignId: seed.parentTrue,
      tokens: [{ name: '{{my.score}}', value: '+7', type: 'SCORE' }],
    });
    expect(scheduleCampaign).toMatchObject({
      kind: 'BATCH',
      campaign: { id: seed.parentTrue },
      tokens: [{ name: 'my.score', type: 'SCORE', value: '+7' }],
    });
    const done = await finished(scheduleCampaign.id);
    expect(done).toMatchObject({ leadsTotal: 2, leadsProcessed: 2, error: null });
    const activities = done.activities.edges.map((edge) => edge.node);
    expect(
      executeRows(activities).map((row) => [row.lead.email, row.qualified, row.reason, row.depth]),
    ).toEqual([
      ['ada@example.com', true, null, 1],
      ['grace@example.com', false, 'NOT_IN_SMART_LIST', 1],
    ]);
    const scores = activities.flatMap((activity) =>
      activity.__typename === 'ChangeScoreActivity' ? [activity.newValue - activity.oldValue] : [],
    );
    expect(scores).toEqual([7]);
  });

  it('a run scheduled later can be cancelled; an executable campaign is NOT_SCHEDULABLE, with no run written', async () => {
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    const { scheduleCampaign } = await run(t, seed.key, ScheduleCampaignDocument, {
      campaignId: seed.parentFalse,
      runAt,
    });
    expect(scheduleCampaign).toMatchObject({ status: 'SCHEDULED', scheduledFor: runAt, tokens: [] });
    const { cancelCampaignRun } = await run(t, seed.key, CancelCampaignRunDocument, {
      id: scheduleCampaign.id,
    });
    expect(cancelCampaignRun.status).toBe('CANCELLED');

    const runs = await t.orm.em.fork().count(CampaignRunEntity, {});
    const refused = await request(t, seed.key, ScheduleCampaignDocument, { campaignId: seed.child });
    expect(errorCodes(refused)).toEqual(['NOT_SCHEDULABLE']);
    expect(await t.orm.em.fork().count(CampaignRunEntity, {})).toBe(runs);
  });

  it('RequestCampaign runs the listener for the named lead with the token passed', async () => {
    const { requestCampaign } = await run(t, seed.key, RequestCampaignDocument, {
      campaignId: seed.listener,
      leadIds: [seed.ada],
      tokens: [{ name: 'my.score', value: '+3', type: 'SCORE' }],
    });
    expect(requestCampaign).toMatchObject({ kind: 'REQUESTED', tokens: [{ name: 'my.score', value: '+3' }] });
    const done = await finished(requestCampaign.id);
    expect(done.leadsProcessed).toBe(1);
    const changes = done.activities.edges.flatMap(({ node }) =>
      node.__typename === 'ChangeScoreActivity' ? [[node.lead.email, node.change]] : [],
    );
    expect(changes).toEqual([['ada@example.com', '+3']]);
  });
});
