/**
 * The workload of `npm run bench:api` (issue #17), also read by the tests that bound the campaign
 * graph's cost: a workspace whose campaigns come in groups of ten, each group a small graph that
 * has every kind of graph problem, in a program of its own under a folder with My Tokens; leads;
 * and activities of every typed kind on one lead.
 */
import { Activity } from '../src/db/entities/activity.entity.js';
import { Campaign, type StoredFlowStep } from '../src/db/entities/campaign.entity.js';
import { Folder } from '../src/db/entities/folder.entity.js';
import { LeadField } from '../src/db/entities/lead-field.entity.js';
import { MyToken } from '../src/db/entities/my-token.entity.js';
import { Program } from '../src/db/entities/program.entity.js';
import { SmartList } from '../src/db/entities/smart-list.entity.js';
import { StaticList } from '../src/db/entities/static-list.entity.js';
import { Workspace } from '../src/db/entities/workspace.entity.js';
import type { Orm } from '../src/db/orm.js';
import type { FlowAction, SmartListDefinition } from '../src/domain/model.js';

/** The admin key of the benchmark's server. */
export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/** Campaigns per group: the group's graph below. */
export const GROUP_SIZE = 10;

const always: SmartListDefinition = { rule: 'ALL', filters: [], triggers: [] };
const step = (id: string, action: FlowAction): StoredFlowStep => ({ id, action, choices: [] });
const execute = (campaign: Campaign): FlowAction => ({
  type: 'executeCampaign',
  campaignId: campaign.id,
  useParentTokenContext: true,
});

/**
 * Each group: Top (batch) executes First > Second > Third > Fourth, a chain four levels deep (semantics E5),
 * and requests Listener; Ping and Pong execute each other (semantics E6); Broken's smart list names a
 * field that does not exist (semantics E4) and its choice a deleted smart list; Untokened uses a
 * My Token no context defines and executes Top, which is not executable (semantics E7).
 */
export async function seedCampaignGraph(orm: Orm, campaignCount: number, leadCount: number) {
  const em = orm.em.fork();
  const workspace = em.create(Workspace, { name: `Graph of ${campaignCount}` });
  const folder = em.create(Folder, { workspace, name: 'Marketing' });
  em.create(MyToken, { workspace, folder, name: 'my.greeting', type: 'TEXT', value: 'Hello' });
  em.create(LeadField, { workspace, name: 'city', type: 'STRING' });
  const list = em.create(StaticList, { workspace, name: 'VIPs' });
  const asset = em.create(SmartList, { workspace, name: 'Everyone', definition: always });
  const deleted = em.create(SmartList, {
    workspace,
    name: 'Gone',
    definition: always,
    deletedAt: new Date(),
  });
  await em.flush();
  const groups = Math.ceil(campaignCount / GROUP_SIZE);
  const made: Campaign[][] = [];
  for (let group = 0; group < groups; group += 1) {
    const program = em.create(Program, { workspace, folder, name: `P${group}`, statuses: ['Member'] });
    em.create(MyToken, { workspace, program, name: 'my.score', type: 'SCORE', value: '+10' });
    const names = [
      'Top',
      'First',
      'Second',
      'Third',
      'Fourth',
      'Ping',
      'Pong',
      'Broken',
      'Untokened',
      'Listener',
    ];
    made.push(
      names.slice(0, campaignCount - group * GROUP_SIZE).map((name) =>
        em.create(Campaign, {
          workspace,
          program,
          name: `${name} ${group}`,
          isExecutable: !['Top', 'Broken', 'Untokened', 'Listener'].includes(name),
          smartList: {
            rule: 'ALL',
            filters: [{ kind: 'MEMBER_OF_SMART_LIST', smartListId: asset.id }],
            triggers: [],
          },
          flow: [],
          qualificationRule: { kind: 'EVERY_TIME' },
        }),
      ),
    );
  }
  await em.flush();
  for (const [top, first, second, third, fourth, ping, pong, broken, untokened, listener] of made) {
    const add = (campaign: Campaign | undefined, flow: StoredFlowStep[], smartList?: SmartListDefinition) => {
      if (!campaign) return;
      campaign.flow = flow;
      if (smartList) campaign.smartList = smartList;
    };
    const score = (id: string, change: string) =>
      step(id, { type: 'changeScore', scoreName: 'score', change });
    add(top, [
      score('t1', '{{my.score}}'),
      ...(first ? [step('t2', execute(first))] : []),
      ...(listener ? [step('t3', { type: 'requestCampaign', campaignId: listener.id })] : []),
    ]);
    for (const [caller, callee] of [
      [first, second],
      [second, third],
      [third, fourth],
      [ping, pong],
      [pong, ping],
    ] as const)
      if (callee) add(caller, [step('x1', execute(callee))]);
    add(fourth, [score('f1', '+1'), step('f2', { type: 'addToList', listId: list.id })]);
    add(
      broken,
      [
        {
          id: 'b1',
          action: { type: 'changeDataValue', attribute: 'city', value: 'Paris' },
          choices: [
            {
              when: { kind: 'MEMBER_OF_SMART_LIST', smartListId: deleted.id },
              action: { type: 'changeDataValue', attribute: 'city', value: 'Rome' },
            },
          ],
        },
      ],
      {
        rule: 'ALL',
        filters: [{ kind: 'ATTRIBUTE', attribute: 'nosuch', operator: 'IS', values: ['x'] }],
        triggers: [],
      },
    );
    if (top) add(untokened, [score('u1', '{{my.missing}}'), step('u2', execute(top))]);
    add(listener, [score('l1', '+2')], {
      rule: 'ALL',
      filters: [],
      triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'FLOW_ACTION' }],
    });
    if (listener) listener.status = 'ACTIVE';
  }
  await em.flush();
  await em.getConnection().execute(
    `insert into lead (workspace_id, email, fields, created_at, updated_at)
     select ?, 'lead' || g || '@example.com', jsonb_build_object('city', 'Paris'), now(), now()
     from generate_series(1, ?) g`,
    [workspace.id, leadCount],
  );
  return { workspaceId: workspace.id, campaignIds: made.flat().map((campaign) => campaign.id) };
}

/**
 * `count` activities on the workspace's first lead, cycling through the typed kinds, each naming
 * campaigns, a list and a program of the workspace: a page of them reads all the related objects.
 */
export async function seedActivities(orm: Orm, workspaceId: string, count: number) {
  const em = orm.em.fork();
  const [lead] = await em
    .getConnection()
    .execute<{ id: string }[]>('select id::text from lead where workspace_id = ? order by id limit 1', [
      workspaceId,
    ]);
  const campaigns = await em.find(Campaign, { workspace: workspaceId }, { orderBy: { id: 'asc' } });
  const list = await em.findOneOrFail(StaticList, { workspace: workspaceId });
  const program = await em.findOneOrFail(Program, { workspace: workspaceId }, { orderBy: { id: 'asc' } });
  const kinds: ((index: number) => Pick<Activity, 'type' | 'attributes' | 'primaryAttributeValue'>)[] = [
    (i) => ({
      type: 'EXECUTE_CAMPAIGN',
      primaryAttributeValue: `E${i}`,
      attributes: {
        executedCampaignId: campaigns[(i + 1) % campaigns.length]?.id,
        qualified: true,
        reason: null,
        depth: 1,
        useParentTokenContext: true,
      },
    }),
    () => ({
      type: 'CHANGE_SCORE',
      primaryAttributeValue: 'score',
      attributes: { scoreName: 'score', change: '+1', oldValue: 1, newValue: 2 },
    }),
    () => ({
      type: 'CHANGE_DATA_VALUE',
      primaryAttributeValue: 'city',
      attributes: { attribute: 'city', oldValue: 'Paris', newValue: 'Rome', source: 'FLOW' },
    }),
    (i) => ({
      type: 'REQUEST_CAMPAIGN',
      primaryAttributeValue: null,
      attributes: { requestedCampaignId: campaigns[(i + 2) % campaigns.length]?.id },
    }),
    () => ({ type: 'ADD_TO_LIST', primaryAttributeValue: 'VIPs', attributes: { listId: list.id } }),
    () => ({
      type: 'CHANGE_PROGRAM_STATUS',
      primaryAttributeValue: program.name,
      attributes: { programId: program.id, oldStatus: null, newStatus: 'Member' },
    }),
  ];
  for (let index = 0; index < count; index += 1) {
    const kind = kinds[index % kinds.length] as (typeof kinds)[number];
    em.create(Activity, {
      workspace: workspaceId,
      lead: lead?.id as string,
      campaign: campaigns[index % campaigns.length]?.id ?? null,
      occurredAt: new Date(),
      ...kind(index),
    });
  }
  await em.flush();
  return { leadId: lead?.id as string };
}
