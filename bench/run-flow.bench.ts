/**
 * Micro-benchmark of the pure executor: a 4-step top flow (Change Score, Change Data Value, Execute
 * Campaign A > B > C with half the leads failing B's smart list, Request Campaign) over synthetic
 * leads, on one core. Writes flow.json to bench/results/local/, or with --publish to bench/results/.
 * Usage: npm run bench:flow -- [--leads N] [--publish]
 */
import { runFlow } from '../src/domain/executor.js';
import type { Campaign, CampaignGraph, FlowAction, Lead, Run } from '../src/domain/model.js';
import { writeResult } from './results-file.js';

function leadCount(): number {
  const flag = process.argv.indexOf('--leads');
  const value = flag === -1 ? Number.NaN : Number(process.argv[flag + 1]);
  return Number.isInteger(value) && value > 0 ? value : 200_000;
}

function campaign(
  id: string,
  executable: boolean,
  flow: FlowAction[],
  filters: Campaign['smartList']['filters'] = [],
): Campaign {
  return {
    id,
    workspaceId: 'w1',
    programId: executable ? 'p-child' : 'p-top',
    name: id,
    description: null,
    executable,
    smartList: { rule: 'ALL', filters, triggers: [] },
    flow: flow.map((action) => ({ action, choices: [] })),
    qualificationRule: { kind: executable ? 'EVERY_TIME' : 'ONCE' },
  };
}

const graph: CampaignGraph = {
  campaigns: {
    top: campaign('top', false, [
      { type: 'changeScore', scoreName: 'score', change: '{{my.bonus}}' },
      { type: 'changeDataValue', attribute: 'segment', value: 'Scored by {{campaign.name}}' },
      { type: 'executeCampaign', campaignId: 'A', useParentTokenContext: true },
      { type: 'requestCampaign', campaignId: 'nurture' },
    ]),
    A: campaign('A', true, [
      { type: 'changeScore', scoreName: 'score', change: '+1' },
      { type: 'executeCampaign', campaignId: 'B', useParentTokenContext: true },
    ]),
    B: campaign(
      'B',
      true,
      [
        { type: 'changeScore', scoreName: 'score', change: '{{my.bonus}}' },
        { type: 'executeCampaign', campaignId: 'C', useParentTokenContext: false },
      ],
      [{ kind: 'ATTRIBUTE', attribute: 'tier', operator: 'IS', values: ['gold'] }],
    ),
    C: campaign('C', true, [{ type: 'changeDataValue', attribute: 'stage', value: 'qualified' }]),
    nurture: campaign('nurture', false, []),
  },
  smartLists: {},
  programs: {
    'p-top': {
      id: 'p-top',
      name: 'Top',
      folderId: 'f1',
      statuses: ['Member'],
      tokens: { 'my.bonus': '+10' },
    },
    'p-child': {
      id: 'p-child',
      name: 'Child',
      folderId: 'f1',
      statuses: ['Member'],
      tokens: { 'my.bonus': '+0' },
    },
  },
  folders: { f1: { id: 'f1', parentId: null, tokens: { 'my.region': 'EMEA' } } },
  fields: { score: 'SCORE', segment: 'STRING', tier: 'STRING', stage: 'STRING' },
};

const count = leadCount();
const leads: Lead[] = Array.from({ length: count }, (_, index) => ({
  id: `lead-${index}`,
  email: `lead${index}@example.com`,
  fields: { score: index % 100, tier: index % 2 === 0 ? 'Gold' : 'silver' },
  listIds: [],
  programMemberships: {},
}));
const run: Run = { id: 'run-1', kind: 'BATCH', tokens: {}, trigger: null };
const now = new Date('2024-06-01T12:00:00.000Z');

function pass(): number {
  let activities = 0;
  for (const lead of leads) {
    activities += runFlow({ lead, graph, history: {}, run, campaignId: 'top', startStepIndex: 0, now })
      .activities.length;
  }
  return activities;
}

pass(); // warm-up: compiles the graph once and lets the JIT settle
const started = process.hrtime.bigint();
const activities = pass();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const format = (value: number) => Math.round(value).toLocaleString('en-US');
console.log(`runFlow: ${format(count)} leads in ${seconds.toFixed(2)} s on one core`);
console.log(
  `  ${format(count / seconds)} leads/s, ${format(activities / seconds)} activities/s (${activities / count} activities/lead)`,
);
await writeResult('flow.json', {
  leads: count,
  activities,
  seconds: Number(seconds.toFixed(2)),
  leadsPerSecond: Math.round(count / seconds),
  activitiesPerSecond: Math.round(activities / seconds),
});
