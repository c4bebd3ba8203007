import { createStaticList } from '../commands/assets.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { readStaticListRecords, staticListSizes } from '../db/sql/static-lists.js';
import type { StaticListRecord } from '../db/sql/workspace-assets.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { builder } from './builder.js';
import { readList } from './campaign-graph-loader.js';
import { loadVisibleRecords } from './loading.js';
import { objectName, requireWorkspace, WorkspaceRef } from './tenancy.js';

export const StaticListRef = builder.loadableNodeRef('StaticList', {
  id: { resolve: (list: StaticListRecord) => list.id },
  // Lists of the snapshots the request has read need no statement; the others are read by id.
  load: async (ids: string[], context) => {
    const read = ids.map((id) => readList(context, id));
    const unread = ids.filter((_id, index) => !read[index]);
    const loaded = new Map(
      (await loadVisibleRecords(context, readStaticListRecords, unread)).map((list, index) => [
        unread[index],
        list,
      ]),
    );
    return ids.map((id, index) => read[index] ?? loaded.get(id) ?? null) as StaticListRecord[];
  },
});

// Loaded records are as they were read: a later mutation of the same document reads again.
afterEachMutation((context) => StaticListRef.getDataloader(context).clearAll());

StaticListRef.implement({
  description: 'A static list of leads.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '1 to 200 characters.' }),
    size: t.loadable({
      type: 'Int',
      description: 'How many leads are on the list.',
      resolve: (list) => list.id,
      load: (listIds: string[], context) => staticListSizes(context.em, listIds),
    }),
  }),
});

builder.objectFields(WorkspaceRef, (t) => ({
  staticLists: t.field({
    type: [StaticListRef],
    description: 'Every static list of the workspace, oldest first.',
    resolve: (workspace, _args, context) =>
      context.em.find(StaticList, { workspace: workspace.id }, { orderBy: { id: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  createStaticList: t.field({
    type: StaticListRef,
    description: 'A new, empty static list.',
    args: {
      workspaceId: t.arg.id({ description: 'The workspace to create it in.' }),
      name: t.arg.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      return createStaticList(context, workspace, args.name);
    },
  }),
}));
