import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/demo/create-demo.js';
import { demoInstructions, demoOperations } from '../../src/demo/instructions.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startTestWorker, untilCompleted } from '../helpers/campaign-runs.js';
import { run } from '../helpers/graphql.js';

type Row = {
  type: string;
  campaign: { name: string };
  lead: { email: string; score: number };
  qualified?: boolean;
  reason?: string | null;
  useParentTokenContext?: boolean;
  change?: string;
  newValue?: number;
};

let t: TestApp;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
let demo: Demo;

beforeAll(async () => {
  t = await startTestApp();
  worker = await startTestWorker(t);
  demo = await createDemo(t.orm, pino({ level: 'silent' }));
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

/** Runs the printed RunDemo mutation with the demo's key and waits for both runs to complete. */
async function runDemo(): Promise<void> {
  const scheduled = await run<Record<string, { id: string; status: string }>>(
    t,
    demo.apiKey,
    demoOperations(demo).run,
  );
  for (const { id } of Object.values(scheduled)) await untilCompleted(t, demo.apiKey, id);
}

/** The printed DemoActivities query's rows, by parent, as [email, qualified, reason, useParentTokenContext]. */
async function activities(): Promise<Row[]> {
  const { activities } = await run<{ activities: { edges: { node: Row }[] } }>(
    t,
    demo.apiKey,
    demoOperations(demo).activities,
  );
  return activities.edges.map((edge) => edge.node);
}

const executions = (rows: Row[], parent: string) =>
  rows
    .filter((row) => row.type === 'EXECUTE_CAMPAIGN' && row.campaign.name === parent)
    .map((row) => [row.lead.email, row.qualified, row.reason ?? null, row.useParentTokenContext])
    .sort();

describe('the demo workspace', () => {
  it('holds the seed’s example, seen with its own key', async () => {
    const { viewer } = await run<{
      viewer: {
        isAdmin: boolean;
        workspaces: {
          name: string;
          folders: { name: string; tokens: { name: string; value: string }[] }[];
          campaigns: { edges: { node: { name: string; type: string; status: string } }[] };
          leads: { edges: { node: { email: string } }[] };
        }[];
      };
    }>(
      t,
      demo.apiKey,
      `{ viewer { isAdmin workspaces {
        name folders { name tokens { name value } }
        campaigns { edges { node { name type status } } }
        leads { edges { node { email } } }
      } } }`,
    );
    expect(viewer.isAdmin).toBe(false);
    expect(viewer.workspaces).toEqual([
      {
        name: 'Execute Campaign demo',
        folders: [{ name: 'Scoring', tokens: [{ name: 'my.score', value: '+0' }] }],
        campaigns: {
          edges: [
            { node: { name: 'Change score', type: 'EXECUTABLE', status: 'INACTIVE' } },
            { node: { name: 'Parent, token context TRUE', type: 'BATCH', status: 'INACTIVE' } },
            { node: { name: 'Parent, token context FALSE', type: 'BATCH', status: 'INACTIVE' } },
            { node: { name: 'Score watcher', type: 'TRIGGER', status: 'ACTIVE' } },
          ],
        },
        leads: {
          edges: ['ada@example.com', 'grace@example.com', 'linus@example.org'].map((email) => ({
            node: { email },
          })),
        },
      },
    ]);
  });

  it('semantics T6/E3: the printed operations give Qualified TRUE and FALSE, +10 with TRUE and +0 with FALSE, and new activity on each run', async () => {
    await runDemo();
    const first = await activities();
    for (const [parent, context] of [
      ['Parent, token context TRUE', true],
      ['Parent, token context FALSE', false],
    ] as const) {
      expect(executions(first, parent)).toEqual([
        ['ada@example.com', true, null, context],
        ['grace@example.com', true, null, context],
        ['linus@example.org', false, 'NOT_IN_SMART_LIST', context],
      ]);
    }
    const changes = first.filter((row) => row.type === 'CHANGE_SCORE').map((row) => row.change);
    expect(changes.sort()).toEqual(['+0', '+0', '+10', '+10']);
    const scores = Object.fromEntries(first.map((row) => [row.lead.email, row.lead.score]));
    expect(scores).toEqual({ 'ada@example.com': 10, 'grace@example.com': 10, 'linus@example.org': 0 });

    await runDemo();
    const second = await activities();
    expect(second.filter((row) => row.type === 'EXECUTE_CAMPAIGN')).toHaveLength(12);
    expect(second.find((row) => row.lead.email === 'ada@example.com')?.lead.score).toBe(20);
  });

  it('semantics T4 and S3: the child’s moment names the context it ran in; the listener hears every score change', async () => {
    const moments = async () => {
      const { activities } = await run<{
        activities: {
          edges: { node: { campaign: { name: string }; attributes: { description: string } } }[];
        };
      }>(
        t,
        demo.apiKey,
        '{ activities(first: 100, filter: { types: [INTERESTING_MOMENT] }) { edges { node { campaign { name } attributes } } } }',
      );
      return activities.edges.map(({ node }) => [node.campaign.name, node.attributes.description]);
    };
    // Two runs of each parent over two qualified leads: eight score changes, each heard.
    await expect.poll(async () => (await moments()).length, { timeout: 20_000, interval: 200 }).toBe(16);
    const all = await moments();
    const ofChild = all.filter(([campaign]) => campaign !== 'Score watcher');
    expect(new Set(ofChild.map(([campaign, description]) => `${campaign}: ${description}`))).toEqual(
      new Set([
        'Change score: Scored +10 in the context of Parent, token context TRUE',
        'Change score: Scored +0 in the context of Change score',
      ]),
    );
    const heard = all
      .filter(([campaign]) => campaign === 'Score watcher')
      .map(([, description]) => description);
    expect(heard).toHaveLength(8);
    for (const description of heard)
      expect(description).toMatch(/^Score is Changed: the score is now (0|10|20)$/);
    expect(heard).toContain('Score is Changed: the score is now 20');
  });

  it('a second demo gets the next free name and a key of its own; the instructions name both', async () => {
    const second = await createDemo(t.orm, pino({ level: 'silent' }));
    expect(second.workspace.name).toBe('Execute Campaign demo 2');
    expect(second.apiKey).not.toBe(demo.apiKey);
    const { workspaces } = await run<{ workspaces: { name: string }[] }>(
      t,
      second.apiKey,
      '{ workspaces { name } }',
    );
    expect(workspaces).toEqual([{ name: 'Execute Campaign demo 2' }]);
    const text = demoInstructions(second, 'http://127.0.0.1:4000/graphql');
    expect(text).toContain('Demo workspace "Execute Campaign demo 2"');
    expect(text).toContain(`{"Authorization": "Bearer ${second.apiKey}"}`);
    expect(text).toContain('http://127.0.0.1:4000/graphql');
    expect(text).toContain(demoOperations(second).run);
    expect(text).toContain(demoOperations(second).activities);
  });
});
