import { createStaticList } from '../commands/assets.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { staticListSizes } from '../db/sql/static-lists.js';
import { builder } from './builder.js';
import { loadVisible } from './loading.js';
import { objectName, requireWorkspace, WorkspaceRef } from './tenancy.js';

export const StaticListRef = builder.loadableNodeRef('StaticList', {
  id: { resolve: (list: StaticList) => list.id },
  load: (ids: string[], context) => loadVisible(context, StaticList, ids) as Promise<StaticList[]>,
});

StaticListRef.implement({
  description: 'A static list of leads.',
  fields: (t) => ({
    name: t.exposeString('name'),
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
    resolve: (workspace, _args, context) =>
      context.em.find(StaticList, { workspace: workspace.id }, { orderBy: { id: 'asc' } }),
  }),
}));

builder.mutationFields((t) => ({
  createStaticList: t.field({
    type: StaticListRef,
    args: { workspaceId: t.arg.id(), name: t.arg.string({ validate: objectName }) },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      return createStaticList(context, workspace, args.name);
    },
  }),
}));
