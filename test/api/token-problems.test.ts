import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CampaignApp, execute, startCampaignApp } from '../helpers/campaign-app.js';
import { createScoredProgram } from '../helpers/factories.js';
import { run } from '../helpers/graphql.js';

let app: CampaignApp;

const moment = (description: string) => ({ action: { interestingMoment: { kind: 'Note', description } } });

/** A program in a new folder whose My Token `my.region` is EMEA. */
async function programInFolder(): Promise<string> {
  const { acme, t } = app;
  const { createFolder } = await run<{ createFolder: { id: string } }>(
    t,
    acme.key,
    'mutation ($ws: ID!) { createFolder(workspaceId: $ws, name: "Regions") { id } }',
    { ws: acme.id },
  );
  await run(
    t,
    acme.key,
    'mutation ($id: ID!) { setTokens(ownerId: $id, tokens: [{ name: "my.region", value: "EMEA", type: TEXT }]) { name } }',
    { id: createFolder.id },
  );
  const { createProgram } = await run<{ createProgram: { id: string } }>(
    t,
    acme.key,
    'mutation ($ws: ID!, $folder: ID) { createProgram(workspaceId: $ws, folderId: $folder, name: "In folder") { id } }',
    { ws: acme.id, folder: createFolder.id },
  );
  return createProgram.id;
}

/** The campaign's problems now, read again (a caller saved later changes a child's). */
async function problemsOf(id: string) {
  const { node } = await run<{ node: { problems: { code: string; stepPosition: number | null }[] } }>(
    app.t,
    app.acme.key,
    'query ($id: ID!) { node(id: $id) { ... on Campaign { problems { code stepPosition } } } }',
    { id },
  );
  return node.problems;
}

beforeAll(async () => {
  app = await startCampaignApp();
});
afterAll(() => app.close());

describe('semantics V1 UNDEFINED_TOKEN among a campaign’s problems', () => {
  it('a My Token no folder or program defines is reported at its step', async () => {
    const campaign = await app.createOk({
      name: 'Nope',
      flow: [moment('fine'), moment('Hello {{my.nope}} and {{my.nope}}')],
    });
    expect(campaign.problems).toEqual([{ code: 'UNDEFINED_TOKEN', stepPosition: 2 }]);
  });

  it('a token with a default, other kinds of token and a choice’s action are judged as documented', async () => {
    const campaign = await app.createOk({
      name: 'Defaults',
      flow: [
        moment('{{my.nope:default=there}} {{lead.First Name}} {{trigger.value}} {{system.date}}'),
        {
          action: null,
          choices: [
            {
              when: { kind: 'ATTRIBUTE', attribute: 'score', operator: 'AT_LEAST', values: ['1'] },
              action: { changeScore: { change: '{{my.bonus}}' } },
            },
          ],
        },
      ],
    });
    expect(campaign.problems).toEqual([{ code: 'UNDEFINED_TOKEN', stepPosition: 2 }]);
  });

  it('a token its program or the program’s folder defines is not a problem', async () => {
    const scored = await createScoredProgram(app.t, app.acme, 'Scored', '+5');
    const inFolder = await programInFolder();
    expect(
      (await app.createOk({ name: 'Scored', programId: scored, flow: [moment('{{my.score}}')] })).problems,
    ).toEqual([]);
    expect(
      (await app.createOk({ name: 'Regional', programId: inFolder, flow: [moment('{{My.Region}}')] }))
        .problems,
    ).toEqual([]);
  });

  it('an executable child reads its TRUE callers’ My Tokens, not its FALSE callers’', async () => {
    const parentProgram = await createScoredProgram(app.t, app.acme, 'Parent', '+10');
    const child = await app.executable('Child', [{ action: { changeScore: { change: '{{my.score}}' } } }]);
    expect(child.problems).toEqual([{ code: 'UNDEFINED_TOKEN', stepPosition: 1 }]);
    await app.createOk({ name: 'FALSE parent', programId: parentProgram, flow: [execute(child.id, false)] });
    expect(await problemsOf(child.id)).toEqual([{ code: 'UNDEFINED_TOKEN', stepPosition: 1 }]);
    await app.createOk({ name: 'TRUE parent', programId: parentProgram, flow: [execute(child.id, true)] });
    expect(await problemsOf(child.id)).toEqual([]);
  });
});
