import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Campaign } from '../../src/db/entities/campaign.entity.js';
import { type AllowedTargets, parseAllowedTargets } from '../../src/domain/network-targets.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CREATE_CAMPAIGN, UPDATE_CAMPAIGN } from '../helpers/campaign-app.js';
import { createProgram, createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { databaseIdOf } from '../helpers/global-ids.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let program: string;

const webhookFlow = (url: string) => [{ action: { webhook: { url } } }];
const create = (name: string, url: string) =>
  t.graphql(CREATE_CAMPAIGN, { input: { programId: program, name, flow: webhookFlow(url) } }, acme.key);
const campaignCount = () => t.orm.em.fork().count(Campaign, {});

beforeAll(async () => {
  t = await startTestApp(undefined, {
    allowedWebhookTargets: parseAllowedTargets('hooks.internal, 10.20.0.0/16').targets as AllowedTargets,
  });
  acme = await createWorkspaceWithKey(t, 'Acme');
  program = await createProgram(t, acme, 'Hooks');
});
afterAll(() => t.close());

describe('saving a webhook step checks its target', () => {
  const refused = [
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.1/',
    'http://2130706433/',
    'http://localhost:5432/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f.1/',
    'http://0177.0.0.1/',
    'https://192.168.1.1/{{lead.id}}',
    'http://[fd00::1]/',
  ];

  it.each(refused)('creating one aimed at %s is refused and writes nothing', async (url) => {
    const before = await campaignCount();
    const response = await create('Refused', url);
    expect(errorCodes(response)).toEqual(['WEBHOOK_TARGET_NOT_ALLOWED']);
    expect(await campaignCount()).toBe(before);
  });

  it('changing a saved one to a refused target is refused and leaves it as it was', async () => {
    const { createCampaign } = await run<{ createCampaign: { id: string } }>(t, acme.key, CREATE_CAMPAIGN, {
      input: { programId: program, name: 'Saved', flow: webhookFlow('https://hooks.example.com/in') },
    });
    for (const url of refused) {
      const response = await t.graphql(
        UPDATE_CAMPAIGN,
        { id: createCampaign.id, input: { flow: webhookFlow(url) } },
        acme.key,
      );
      expect(errorCodes(response)).toEqual(['WEBHOOK_TARGET_NOT_ALLOWED']);
    }
    const saved = await t.orm.em.fork().findOneOrFail(Campaign, { id: databaseIdOf(createCampaign.id) });
    expect(saved.flow).toMatchObject([{ action: { type: 'webhook', url: 'https://hooks.example.com/in' } }]);
  });

  it.each([
    'https://hooks.example.com/in',
    'http://93.184.215.14/',
    'https://{{my.host}}/in',
    'http://10.20.3.4:8080/',
    'http://hooks.internal/',
  ])('one aimed at %s (public, unknown before tokens, or allowed by the operator) is saved', async (url) => {
    const response = await create('Allowed', url);
    expect(response.errors).toBeUndefined();
  });
});

describe('Campaign.problems reports webhook targets that are not allowed (semantics F10)', () => {
  const PROBLEMS = 'query ($id: ID!) { campaign(id: $id) { problems { code message stepPosition } } }';

  /** A campaign whose flow was saved before targets were checked: written to its row directly. */
  async function savedBeforeTheRule(urls: string[]): Promise<string> {
    const { createCampaign } = await run<{ createCampaign: { id: string } }>(t, acme.key, CREATE_CAMPAIGN, {
      input: { programId: program, name: 'Older', flow: webhookFlow('https://hooks.example.com/in') },
    });
    const em = t.orm.em.fork();
    const campaign = await em.findOneOrFail(Campaign, { id: databaseIdOf(createCampaign.id) });
    campaign.flow = urls.map((url) => ({
      id: crypto.randomUUID(),
      action: { type: 'webhook', url, method: 'post', body: null },
      choices: [],
    }));
    await em.flush();
    return createCampaign.id;
  }

  /** Its webhook-target problems: a token host is another problem's matter (UNDEFINED_TOKEN). */
  const problemsOf = async (id: string) =>
    (
      await run<{ campaign: { problems: { code: string; message: string; stepPosition: number | null }[] } }>(
        t,
        acme.key,
        PROBLEMS,
        { id },
      )
    ).campaign.problems.filter((problem) => problem.code === 'WEBHOOK_TARGET_NOT_ALLOWED');

  it('a step aimed at a link-local, private or loopback target shows with its position', async () => {
    const id = await savedBeforeTheRule([
      'https://hooks.example.com/in',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/{{lead.id}}',
      'http://10.0.0.1/',
    ]);
    expect(await problemsOf(id)).toEqual([
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: 'the webhook target 169.254.169.254 is a link-local address, which is not called',
        stepPosition: 2,
      },
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: 'the webhook target [::ffff:7f00:1] is a loopback address, which is not called',
        stepPosition: 3,
      },
      {
        code: 'WEBHOOK_TARGET_NOT_ALLOWED',
        message: 'the webhook target 10.0.0.1 is a private address, which is not called',
        stepPosition: 4,
      },
    ]);
  });

  it('a step aimed at a target the operator allows, or at a name or a token, shows none', async () => {
    const id = await savedBeforeTheRule([
      'http://10.20.3.4:8080/',
      'http://hooks.internal/',
      'https://{{my.host}}/in',
      'https://hooks.example.com/in',
    ]);
    expect(await problemsOf(id)).toEqual([]);
  });
});
