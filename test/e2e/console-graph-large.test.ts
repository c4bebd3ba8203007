import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  type BrowserSession,
  CHROMIUM_INSTALLED,
  NO_CHROMIUM,
  openBrowser,
  signIn,
} from '../helpers/browser.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  type WorkspaceWithKey,
} from '../helpers/factories.js';

/** Campaigns per execution depth: 100 in all, the deepest (3) made first so that callers can name them. */
const PER_DEPTH = [40, 25, 20, 15];
const PROGRAMS = 5;

interface Execution {
  from: string;
  to: string;
  useParentTokenContext: boolean;
}

interface Box {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlapping = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Every pair of boxes that overlap, by their ids. */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlapping(boxes[i] as Box, boxes[j] as Box))
        found.push(`${(boxes[i] as Box).id} × ${(boxes[j] as Box).id}`);
  return found;
}

/**
 * 100 campaigns in five programs: each campaign above depth 3 executes one or two of the next
 * depth's (every one of those has a caller), token context alternating, programs mixed.
 */
async function buildWorkspace(t: TestApp, workspace: WorkspaceWithKey) {
  const programs: string[] = [];
  for (let index = 0; index < PROGRAMS; index++)
    programs.push(await createProgram(t, workspace, `Program ${index + 1}`));
  const byDepth: string[][] = [];
  const executions: Execution[] = [];
  let made = 0;
  for (let depth = PER_DEPTH.length - 1; depth >= 0; depth--) {
    const children = byDepth[depth + 1] ?? [];
    const ids: string[] = [];
    for (let index = 0; index < (PER_DEPTH[depth] as number); index++) {
      const callees = children.length
        ? [...new Set([children[index % children.length], children[(index * 7 + 3) % children.length]])]
        : [];
      const flow = callees.map((campaignId, step) => ({
        action: { executeCampaign: { campaignId, useParentTokenContext: (index + step) % 2 === 0 } },
      }));
      const id = await createCampaign(t, workspace, {
        programId: programs[made++ % PROGRAMS],
        name: `Depth ${depth} campaign ${index + 1} with a longish name`,
        executable: depth > 0,
        qualificationRule: { kind: 'EVERY_TIME' },
        flow: flow.length ? flow : [{ action: { changeScore: { change: '+1' } } }],
      });
      for (const { action } of flow)
        executions.push({
          from: id,
          to: action.executeCampaign.campaignId as string,
          useParentTokenContext: action.executeCampaign.useParentTokenContext,
        });
      ids.push(id);
    }
    byDepth[depth] = ids;
  }
  return {
    campaigns: byDepth.flat(),
    executions,
    depthOf: new Map(byDepth.flatMap((ids, depth) => ids.map((id) => [id, depth]))),
  };
}

describe('the console’s graph of a 100-campaign workspace, in headless Chromium', () => {
  let t: TestApp;
  let session: BrowserSession;
  let built: Awaited<ReturnType<typeof buildWorkspace>>;

  beforeAll(async () => {
    if (!CHROMIUM_INSTALLED) return;
    t = await startTestApp();
    const workspace = await createWorkspaceWithKey(t, 'Hundred campaigns');
    built = await buildWorkspace(t, workspace);
    session = await openBrowser();
    await signIn(session, new URL('/console', await t.app.start()).href, workspace.key);
    await session.page.locator('svg.graph').waitFor();
  }, 180_000);

  afterAll(async () => {
    await session?.browser.close();
    await t?.close();
  });

  it('draws every campaign once, by layers of execution depth, with no box or label over another', async ({
    skip,
  }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    const { page } = session;
    expect(built.campaigns.length).toBe(100);
    await session.screenshot('11-graph-100');
    const nodes = await page.locator('svg.graph .node').evaluateAll((elements) =>
      elements.map((element) => {
        const { left, top, right, bottom } = (
          element.querySelector('rect') as SVGRectElement
        ).getBoundingClientRect();
        return {
          id: element.getAttribute('data-campaign') as string,
          layer: Number(element.getAttribute('data-layer')),
          box: { id: element.getAttribute('data-campaign') as string, left, top, right, bottom },
        };
      }),
    );
    expect(nodes.map(({ id }) => id).sort()).toEqual([...built.campaigns].sort());
    for (const { id, layer } of nodes) expect(layer, id).toBe(built.depthOf.get(id));
    expect(overlaps(nodes.map(({ box }) => box))).toEqual([]);

    const edges = await page.locator('svg.graph .edge-execute').evaluateAll((elements) =>
      elements.map((element) => {
        const { left, top, right, bottom } = (
          element.querySelector('text') as SVGTextElement
        ).getBoundingClientRect();
        return {
          from: element.getAttribute('data-from') as string,
          to: element.getAttribute('data-to') as string,
          useParentTokenContext: element.getAttribute('data-token-context') === 'true',
          label: {
            id: `${element.getAttribute('data-from')}→${element.getAttribute('data-to')}`,
            left,
            top,
            right,
            bottom,
          },
          text: element.querySelector('text')?.textContent,
        };
      }),
    );
    const byEnds = (a: Execution, b: Execution) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`);
    expect(
      edges.map(({ from, to, useParentTokenContext }) => ({ from, to, useParentTokenContext })).sort(byEnds),
    ).toEqual([...built.executions].sort(byEnds));
    for (const edge of edges)
      expect(edge.text).toBe(`token context ${edge.useParentTokenContext ? 'TRUE' : 'FALSE'}`);
    const layerOf = new Map(nodes.map(({ id, layer, box }) => [id, { layer, box }]));
    for (const { from, to } of edges) {
      const parent = layerOf.get(from);
      const child = layerOf.get(to);
      expect(child?.layer).toBe((parent?.layer ?? 0) + 1);
      expect(child?.box.left).toBeGreaterThan(parent?.box.right ?? 0);
    }
    expect(overlaps(edges.map(({ label }) => label))).toEqual([]);
    expect(overlaps([...edges.map(({ label }) => label), ...nodes.map(({ box }) => box)])).toEqual([]);

    const sizes = await page
      .locator('svg.graph .node text')
      .evaluateAll((elements) =>
        elements.map((element) => Number.parseFloat(getComputedStyle(element).fontSize)),
      );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    const overflow = await page.evaluate(() => {
      const scroll = document.querySelector('.graph-scroll') as HTMLElement;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        pane: scroll.getBoundingClientRect().right - document.documentElement.clientWidth,
        scrollable: scroll.scrollWidth > scroll.clientWidth,
      };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.pane).toBeLessThanOrEqual(0);
    expect(overflow.scrollable).toBe(true);
  }, 60_000);

  it('met no refusal or script error', ({ skip }) => {
    skip(!CHROMIUM_INSTALLED, NO_CHROMIUM);
    expect(session.elsewhere).toEqual([]);
    expect(session.problems).toEqual([]);
  });
});
