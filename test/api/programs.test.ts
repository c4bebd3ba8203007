import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import { createWorkspaceWithKey, type WorkspaceWithKey } from '../helpers/factories.js';
import { errorCodes, run } from '../helpers/graphql.js';

let t: TestApp;
let acme: WorkspaceWithKey;
let globex: WorkspaceWithKey;

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  globex = await createWorkspaceWithKey(t, 'Globex');
});
afterAll(() => t.close());

const CREATE_FOLDER = `mutation ($ws: ID!, $name: String!, $parent: ID) {
  createFolder(workspaceId: $ws, name: $name, parentId: $parent) { id name parent { name } }
}`;
const CREATE_PROGRAM = `mutation ($ws: ID!, $name: String!, $folder: ID, $statuses: [String!]) {
  createProgram(workspaceId: $ws, name: $name, folderId: $folder, statuses: $statuses) {
    id name statuses folder { name } workspace { name }
  }
}`;

describe('folders and programs', () => {
  it('nests folders and files a program in one, with default statuses', async () => {
    const { createFolder: root } = await run<{ createFolder: { id: string } }>(t, acme.key, CREATE_FOLDER, {
      ws: acme.id,
      name: 'Marketing',
    });
    const { createFolder: child } = await run<{ createFolder: { id: string; parent: { name: string } } }>(
      t,
      acme.key,
      CREATE_FOLDER,
      { ws: acme.id, name: 'Webinars', parent: root.id },
    );
    expect(child.parent).toEqual({ name: 'Marketing' });
    const { createProgram } = await run<{ createProgram: unknown }>(t, acme.key, CREATE_PROGRAM, {
      ws: acme.id,
      name: 'Spring webinar',
      folder: child.id,
    });
    expect(createProgram).toMatchObject({
      name: 'Spring webinar',
      statuses: ['Not in Program', 'Member', 'Engaged'],
      folder: { name: 'Webinars' },
      workspace: { name: 'Acme' },
    });
    const listed = await run<{ workspace: { folders: { name: string }[]; programs: { name: string }[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { folders { name } programs { name } } }',
      { id: acme.id },
    );
    expect(listed.workspace).toEqual({
      folders: [{ name: 'Marketing' }, { name: 'Webinars' }],
      programs: [{ name: 'Spring webinar' }],
    });
  });

  it('keeps custom statuses in their order', async () => {
    const { createProgram } = await run<{ createProgram: { statuses: string[] } }>(
      t,
      acme.key,
      CREATE_PROGRAM,
      {
        ws: acme.id,
        name: 'Nurture',
        statuses: ['Invited', 'Registered', 'Attended'],
      },
    );
    expect(createProgram.statuses).toEqual(['Invited', 'Registered', 'Attended']);
  });

  it.each([
    [[], 'at least one status'],
    [['Member', 'member'], 'unique'],
    [[' '], 'must not be empty'],
  ])('refuses statuses %j as BAD_USER_INPUT', async (statuses, message) => {
    const response = await t.graphql(CREATE_PROGRAM, { ws: acme.id, name: 'Bad', statuses }, acme.key);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain(message);
  });

  it('another workspace’s folder is NOT_FOUND, for the admin key too', async () => {
    const { createFolder } = await run<{ createFolder: { id: string } }>(t, globex.key, CREATE_FOLDER, {
      ws: globex.id,
      name: 'Theirs',
    });
    const asAcme = await t.graphql(
      CREATE_PROGRAM,
      { ws: acme.id, name: 'X', folder: createFolder.id },
      acme.key,
    );
    expect(errorCodes(asAcme)).toEqual(['NOT_FOUND']);
    const asAdmin = await t.graphql(
      CREATE_PROGRAM,
      { ws: acme.id, name: 'X', folder: createFolder.id },
      ADMIN_KEY,
    );
    expect(errorCodes(asAdmin)).toEqual(['NOT_FOUND']);
    const folderInOther = await t.graphql(
      CREATE_FOLDER,
      { ws: acme.id, name: 'X', parent: createFolder.id },
      ADMIN_KEY,
    );
    expect(errorCodes(folderInOther)).toEqual(['NOT_FOUND']);
  });

  it('a workspace key cannot create in another workspace', async () => {
    const response = await t.graphql(CREATE_PROGRAM, { ws: globex.id, name: 'Intrusion' }, acme.key);
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    const programs = await run<{ workspace: { programs: unknown[] } }>(
      t,
      globex.key,
      'query ($id: ID!) { workspace(id: $id) { programs { name } } }',
      { id: globex.id },
    );
    expect(programs.workspace.programs).toEqual([]);
  });

  it('node(id) shows a program only to keys of its workspace', async () => {
    const { createProgram } = await run<{ createProgram: { id: string } }>(t, globex.key, CREATE_PROGRAM, {
      ws: globex.id,
      name: 'Secret',
    });
    const query = 'query ($id: ID!) { node(id: $id) { ... on Program { name } } }';
    expect((await t.graphql(query, { id: createProgram.id }, globex.key)).data).toEqual({
      node: { name: 'Secret' },
    });
    expect((await t.graphql(query, { id: createProgram.id }, acme.key)).data).toEqual({ node: null });
  });
});

describe('static lists', () => {
  it('creates a list that starts empty and is listed in its workspace only', async () => {
    const { createStaticList } = await run<{ createStaticList: { id: string; name: string; size: number } }>(
      t,
      acme.key,
      'mutation ($ws: ID!) { createStaticList(workspaceId: $ws, name: "VIPs") { id name size } }',
      { ws: acme.id },
    );
    expect(createStaticList).toMatchObject({ name: 'VIPs', size: 0 });
    const own = await run<{ workspace: { staticLists: { name: string }[] } }>(
      t,
      acme.key,
      'query ($id: ID!) { workspace(id: $id) { staticLists { name } } }',
      { id: acme.id },
    );
    expect(own.workspace.staticLists).toEqual([{ name: 'VIPs' }]);
    const other = await run<{ workspace: { staticLists: unknown[] } }>(
      t,
      globex.key,
      'query ($id: ID!) { workspace(id: $id) { staticLists { name } } }',
      { id: globex.id },
    );
    expect(other.workspace.staticLists).toEqual([]);
  });
});
