import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Activity } from '../../src/db/entities/activity.entity.js';
import { CampaignRun } from '../../src/db/entities/campaign-run.entity.js';
import { Lead } from '../../src/db/entities/lead.entity.js';
import { RunChunk } from '../../src/db/entities/run-chunk.entity.js';
import { CHUNK_SIZE, planRun } from '../../src/runs/plan-run.js';
import { completeIfDone, processChunk } from '../../src/runs/process-chunk.js';
import type { TestApp } from '../helpers/app.js';
import { type BatchApp, startBatchApp } from '../helpers/batch-app.js';
import {
  createCampaign,
  createScoredProgram,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { databaseIdOf, globalIdOf } from '../helpers/global-ids.js';
import { run } from '../helpers/graphql.js';

let batch: BatchApp;
let t: TestApp;
let acme: WorkspaceWithKey;

beforeAll(async () => {
  batch = await startBatchApp();
  ({ t, acme } = batch);
});
afterAll(() => batch.close());

describe('batch runs, chunk by chunk', () => {
  it('semantics R4 a chunk is applied exactly once, however often and however concurrently it is processed', async () => {
    const count = CHUNK_SIZE * 2 + 200;
    await batch.createLeads(count, 'bulk-');
    const campaign = await batch.createAcmeCampaign({
      name: 'Bulk',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['bulk-'] }],
      },
      flow: [
        { action: { changeScore: { change: '+2' } } },
        { action: { interestingMoment: { kind: 'Web', description: 'Hi {{lead.email}}' } } },
      ],
    });
    const runId = await batch.queueRun(campaign);
    const now = new Date();
    const seqs = await planRun(t.orm, runId, now);
    expect(seqs).toEqual([0, 1, 2]);
    expect(await planRun(t.orm, runId, now)).toEqual([0, 1, 2]);

    const first = await Promise.all([...seqs, ...seqs].map((seq) => processChunk(t.orm, runId, seq, now)));
    expect(first.filter(Boolean)).toHaveLength(3);
    expect(await Promise.all(seqs.map((seq) => processChunk(t.orm, runId, seq, now)))).toEqual([
      false,
      false,
      false,
    ]);
    await completeIfDone(t.orm, runId, now);

    expect(await batch.activityCount(runId)).toBe(count * 2);
    expect(new Set(await batch.scoresOf('bulk-'))).toEqual(new Set([2]));
    expect(await t.orm.em.fork().findOneOrFail(CampaignRun, { id: runId })).toMatchObject({
      status: 'COMPLETED',
      leadsTotal: count,
      leadsProcessed: count,
    });
    expect(await planRun(t.orm, runId, now)).toEqual([]);
  });

  it('semantics S4 an audience read in many pages is chunked exactly: every lead once, none missed, in id order', async () => {
    // Matching and non-matching leads interleaved by id, so pages and chunks end at different leads.
    for (const [count, prefix] of [
      [400, 'paged-in-a-'],
      [150, 'paged-out-a-'],
      [400, 'paged-in-b-'],
      [150, 'paged-out-b-'],
      [301, 'paged-in-c-'],
    ] as const) {
      await batch.createLeads(count, prefix);
    }
    const campaign = await batch.createAcmeCampaign({
      name: 'Paged',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['paged-in-'] }],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const runId = await batch.queueRun(campaign);
    const now = new Date();
    expect(await planRun(t.orm, runId, now, { pageSize: 97 })).toEqual([0, 1, 2]);

    const em = t.orm.em.fork();
    const chunks = await em.find(RunChunk, { run: runId }, { orderBy: { seq: 'asc' } });
    expect(chunks.map((chunk) => chunk.leadIds.length)).toEqual([CHUNK_SIZE, CHUNK_SIZE, 101]);
    const audience = await em.find(Lead, { email: { $like: 'paged-in-%' } }, { orderBy: { id: 'asc' } });
    expect(chunks.flatMap((chunk) => chunk.leadIds)).toEqual(audience.map((lead) => lead.id));
    expect(await em.findOneOrFail(CampaignRun, { id: runId })).toMatchObject({
      status: 'RUNNING',
      leadsTotal: 1101,
      leadsMatched: 1101,
      leadsExcludedByRule: 0,
    });
    expect(await planRun(t.orm, runId, now, { pageSize: 97 })).toEqual([0, 1, 2]);
  });

  it('semantics R3 two concurrent runs on the same leads lose no update: +5 and +5 give +10', async () => {
    await batch.createLeads(50, 'race-');
    const campaign = await batch.createAcmeCampaign({
      name: 'Plus five',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['race-'] }],
      },
      flow: [{ action: { changeScore: { change: '+5' } } }],
    });
    const [a, b] = [await batch.queueRun(campaign), await batch.queueRun(campaign)];
    const now = new Date();
    const [seqsA, seqsB] = [await planRun(t.orm, a, now), await planRun(t.orm, b, now)];
    await Promise.all([
      ...seqsA.map((seq) => processChunk(t.orm, a, seq, now)),
      ...seqsB.map((seq) => processChunk(t.orm, b, seq, now)),
    ]);
    expect(new Set(await batch.scoresOf('race-'))).toEqual(new Set([10]));
  });

  it('semantics F2 and R3 a batch and a requested run adding near the top of the range at once: the score stays within 32 bits and the later add is skipped', async () => {
    const [lead] = await upsertLeads(t, acme, [{ email: 'edge-0@example.com' }]);
    const addTwoBillion = [{ action: { changeScore: { change: '+2000000000' } } }];
    const batchCampaign = await batch.createAcmeCampaign({
      name: 'Batch adds two billion',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'IS', values: ['edge-0@example.com'] }],
      },
      flow: addTwoBillion,
    });
    const requested = globalIdOf(
      'Campaign',
      await batch.createAcmeCampaign({
        name: 'Requested adds two billion',
        smartList: { filters: [], triggers: [{ kind: 'CAMPAIGN_IS_REQUESTED', source: 'API' }] },
        flow: addTwoBillion,
      }),
    );
    await run(t, acme.key, 'mutation ($id: ID!) { activateCampaign(id: $id) { status } }', { id: requested });
    const { requestCampaign } = await run<{ requestCampaign: { id: string } }>(
      t,
      acme.key,
      'mutation ($campaign: ID!, $leads: [ID!]!) { requestCampaign(campaignId: $campaign, leadIds: $leads) { id } }',
      { campaign: requested, leads: [lead] },
    );
    const runs = [await batch.queueRun(batchCampaign), databaseIdOf(requestCampaign.id)];
    const now = new Date();
    const chunks = await Promise.all(
      runs.map(async (runId) => ({ runId, seqs: await planRun(t.orm, runId, now) })),
    );
    await Promise.all(
      chunks.flatMap(({ runId, seqs }) => seqs.map((seq) => processChunk(t.orm, runId, seq, now))),
    );

    expect(await batch.scoresOf('edge-')).toEqual([2000000000]);
    const changes = await t.orm.em
      .fork()
      .find(Activity, { type: 'CHANGE_SCORE', run: { $in: runs } }, { orderBy: { id: 'asc' } });
    expect(changes.map((activity) => activity.attributes)).toEqual([
      { scoreName: 'score', change: '+2000000000', oldValue: 0, newValue: 2000000000 },
      {
        scoreName: 'score',
        change: '+2000000000',
        oldValue: 2000000000,
        newValue: 2000000000,
        skipped: true,
        reason: 'OUT_OF_RANGE',
      },
    ]);
    expect(new Set(changes.map((activity) => activity.run?.id))).toEqual(new Set(runs));
  });

  it('semantics R5 a cancelled run processes no more chunks; what was done stays', async () => {
    await batch.createLeads(CHUNK_SIZE + 10, 'cancel-');
    const campaign = await batch.createAcmeCampaign({
      name: 'Cancelled',
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['cancel-'] }],
      },
      flow: [{ action: { changeScore: { change: '+1' } } }],
    });
    const runId = await batch.queueRun(campaign);
    const now = new Date();
    const [firstChunk, secondChunk] = await planRun(t.orm, runId, now);
    expect(await processChunk(t.orm, runId, firstChunk as number, now)).toBe(true);
    await t.orm.em.fork().nativeUpdate(CampaignRun, { id: runId }, { status: 'CANCELLED' });
    expect(await processChunk(t.orm, runId, secondChunk as number, now)).toBe(false);
    const scores = await batch.scoresOf('cancel-');
    expect(scores.filter((score) => score === 1)).toHaveLength(CHUNK_SIZE);
    expect(scores.filter((score) => score === 0)).toHaveLength(10);
  });

  it('each chunk reads the definitions committed when it starts: edits between chunks reach the next one', async () => {
    await batch.createLeads(CHUNK_SIZE * 2 + 10, 'edit-');
    const edits = await createScoredProgram(t, acme, 'Edits program', '+1');
    const edited = await createCampaign(t, acme, {
      programId: edits,
      name: 'Edited mid-run',
      qualificationRule: { kind: 'EVERY_TIME' },
      smartList: {
        filters: [{ kind: 'ATTRIBUTE', attribute: 'email', operator: 'STARTS_WITH', values: ['edit-'] }],
      },
      flow: [{ action: { changeScore: { change: '{{my.score}}' } } }],
    });
    const runId = await batch.queueRun(databaseIdOf(edited));
    const now = new Date();
    const [first, second, third] = (await planRun(t.orm, runId, now)) as [number, number, number];
    expect(await processChunk(t.orm, runId, first, now)).toBe(true);
    await run(
      t,
      acme.key,
      'mutation ($id: ID!) { setTokens(ownerId: $id, tokens: [{ name: "my.score", value: "+7", type: SCORE }]) { name } }',
      { id: edits },
    );
    expect(await processChunk(t.orm, runId, second, now)).toBe(true);
    await run(
      t,
      acme.key,
      'mutation ($id: ID!) { updateCampaign(id: $id, input: { flow: [{ action: { changeScore: { change: "+100" } } }] }) { id } }',
      { id: edited },
    );
    expect(await processChunk(t.orm, runId, third, now)).toBe(true);
    const scores = await batch.scoresOf('edit-');
    expect([1, 7, 100].map((score) => scores.filter((value) => value === score).length)).toEqual([
      CHUNK_SIZE,
      CHUNK_SIZE,
      10,
    ]);
  });
});
