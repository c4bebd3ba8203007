import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidateCampaignDocument } from '../../src/generated/graphql.js';
import type { GraphQLResponse, TestApp } from '../helpers/app.js';
import { type CampaignApp, execute, startCampaignApp } from '../helpers/campaign-app.js';
import { createProgram, type WorkspaceWithKey } from '../helpers/factories.js';
import { dataOf, errorCodes, request } from '../helpers/graphql.js';

const VALIDATE_UPDATE = `query ($id: ID!, $input: UpdateCampaignInput!) {
  validateCampaignUpdate(id: $id, input: $input) { code message stepPosition }
}`;

type Problem = { code: string; message: string; stepPosition: number | null };

/** The typed problem list a refused save's first error carries in its extensions. */
const problemsOf = (response: GraphQLResponse<unknown>) =>
  (response.errors?.[0]?.extensions as { problems?: unknown } | undefined)?.problems;

let api: CampaignApp;
let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;
let program: string;

beforeAll(async () => {
  api = await startCampaignApp();
  ({ t, acme, globex } = api);
  program = await createProgram(t, acme, 'Checked');
});
afterAll(() => api.close());

const validate = (input: Record<string, unknown>, key = acme.key) =>
  request(t, key, ValidateCampaignDocument, { input: { programId: program, name: 'Checked', ...input } });

const unknownField = { kind: 'ATTRIBUTE', attribute: 'Shoe Size', operator: 'IS', values: ['9'] };

describe('semantics E12 validateCampaign', () => {
  it('answers [] for a campaign that can be saved and run, writing nothing', async () => {
    const before = await api.campaignCount();
    const response = await validate({ flow: [{ action: { changeScore: { change: '+1' } } }] });
    expect(dataOf(response).validateCampaign).toEqual([]);
    expect(await api.campaignCount()).toBe(before);
  });

  it('lists every refusing problem with its step position, then what the campaign would report, writing nothing', async () => {
    const batch = await api.createOk({ name: 'A batch' });
    const c3 = await api.executable('Vee 3');
    const c2 = await api.executable('Vee 2', [execute(c3.id)]);
    const c1 = await api.executable('Vee 1', [execute(c2.id)]);
    const c0 = await api.executable('Vee 0', [execute(c1.id)]);
    const before = await api.campaignCount();
    const input = {
      smartList: { filters: [unknownField] },
      flow: [
        { action: { changeScore: { change: '+1' } } },
        { choices: [{ when: unknownField, action: null }] },
        execute(c0.id),
        { action: { requestCampaign: { campaignId: batch.id } } },
      ],
    };
    const problems = dataOf(await validate({ ...input, name: 'Refused' })).validateCampaign;
    expect(problems.map(({ code, stepPosition }) => [code, stepPosition])).toEqual([
      ['INVALID_SMART_LIST', null],
      ['INVALID_SMART_LIST', 2],
      ['EXECUTION_DEPTH_EXCEEDED', 3],
      ['INVALID_SMART_LIST', null],
      ['INVALID_SMART_LIST', 2],
      ['NOT_REQUESTABLE', 4],
    ]);
    expect(await api.campaignCount()).toBe(before);

    const refused = await api.create({ name: 'Refused', ...input });
    expect(errorCodes(refused)).toEqual(['INVALID_SMART_LIST']);
    const error = refused.errors?.[0];
    expect(error?.message).toBe(problems[0]?.message);
    expect(problemsOf(refused)).toEqual(
      problems.slice(0, 3).map((problem) => ({ ...problem, campaignId: null })),
    );
    expect(await api.campaignCount()).toBe(before);
  });

  it('keeps a refused save’s code and message and names the campaign a problem is in', async () => {
    const c3 = await api.executable('Wy 3');
    const c2 = await api.executable('Wy 2', [execute(c3.id)]);
    const c1 = await api.executable('Wy 1', [execute(c2.id)]);
    await api.createOk({ name: 'W top', flow: [execute(c1.id)] });
    const c4 = await api.executable('Wy 4');
    const update = { id: c3.id, input: { flow: [execute(c4.id)] } };
    const checked = await t.graphql<{ validateCampaignUpdate: Problem[] }>(VALIDATE_UPDATE, update, acme.key);
    const problems = dataOf(checked).validateCampaignUpdate;
    expect(problems.map(({ code, stepPosition }) => [code, stepPosition])).toEqual([
      ['EXECUTION_DEPTH_EXCEEDED', 1],
    ]);
    const refused = await t.graphql(
      'mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id } }',
      update,
      acme.key,
    );
    expect(errorCodes(refused)).toEqual(['EXECUTION_DEPTH_EXCEEDED']);
    expect(refused.errors?.[0]?.message).toBe(`${problems[0]?.message} (flow step 1)`);
    expect(problemsOf(refused)).toEqual([{ ...problems[0], campaignId: expect.any(String) }]);
    const stored = dataOf(
      await t.graphql<{ campaign: { flow: unknown[] } }>(
        'query ($id: ID!) { campaign(id: $id) { flow { position } } }',
        { id: c3.id },
        acme.key,
      ),
    );
    expect(stored.campaign.flow).toEqual([]);
  });

  it('answers [] for an update that can be saved, and leaves the campaign as it was', async () => {
    const campaign = await api.createOk({ name: 'Unchanged' });
    const checked = await t.graphql<{ validateCampaignUpdate: Problem[] }>(
      VALIDATE_UPDATE,
      { id: campaign.id, input: { name: 'Renamed', smartList: { filters: [unknownField] } } },
      acme.key,
    );
    expect(dataOf(checked).validateCampaignUpdate.map((problem) => problem.code)).toEqual([
      'INVALID_SMART_LIST',
      'INVALID_SMART_LIST',
    ]);
    const fine = await t.graphql<{ validateCampaignUpdate: Problem[] }>(
      VALIDATE_UPDATE,
      { id: campaign.id, input: { name: 'Renamed' } },
      acme.key,
    );
    expect(dataOf(fine).validateCampaignUpdate).toEqual([]);
    const stored = await t.graphql<{ campaign: { name: string } }>(
      'query ($id: ID!) { campaign(id: $id) { name } }',
      { id: campaign.id },
      acme.key,
    );
    expect(dataOf(stored).campaign.name).toBe('Unchanged');
  });

  it('refuses another workspace’s key as createCampaign and updateCampaign do', async () => {
    const campaign = await api.createOk({ name: 'Acme only' });
    const validated = await validate({}, globex.key);
    const created = await api.create({ name: 'Theirs' }, globex.key);
    expect(errorCodes(validated)).toEqual(errorCodes(created));
    expect(errorCodes(validated)).toEqual(['NOT_FOUND']);
    const checked = await t.graphql(VALIDATE_UPDATE, { id: campaign.id, input: { name: 'X' } }, globex.key);
    expect(errorCodes(checked)).toEqual(['NOT_FOUND']);
  });
});
