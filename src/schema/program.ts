import { z } from 'zod';
import { createFolder, createProgram } from '../commands/assets.js';
import { Folder } from '../db/entities/folder.entity.js';
import { Program } from '../db/entities/program.entity.js';
import type { FolderRecord, ProgramRecord } from '../db/sql/workspace-assets.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { builder } from './builder.js';
import { fromWorkspace, primeFromWorkspaceSnapshots, readWorkspace } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { loadVisible, requireInWorkspace } from './loading.js';
import { objectName, requireWorkspace, WorkspaceRef } from './tenancy.js';

export const DEFAULT_PROGRAM_STATUSES = ['Not in Program', 'Member', 'Engaged'];

export const FolderRef = builder.loadableNodeRef('Folder', {
  id: { resolve: (folder: FolderRecord) => folder.id },
  load: (ids: string[], context) => loadVisible(context, Folder, ids) as Promise<FolderRecord[]>,
});

export const ProgramRef = builder.loadableNodeRef('Program', {
  id: { resolve: (program: ProgramRecord) => program.id },
  load: (ids: string[], context) => loadVisible(context, Program, ids) as Promise<ProgramRecord[]>,
});

// Primed records are as the snapshot read them: a later mutation of the same document reads again.
afterEachMutation((context) => {
  ProgramRef.getDataloader(context).clearAll();
  FolderRef.getDataloader(context).clearAll();
});

primeFromWorkspaceSnapshots((context, { programs, folders }) => {
  const programLoader = ProgramRef.getDataloader(context);
  for (const program of programs) programLoader.prime(program.id, program);
  const folderLoader = FolderRef.getDataloader(context);
  for (const folder of folders) folderLoader.prime(folder.id, folder);
});

FolderRef.implement({
  description: 'A folder of programs. Folders nest; My Tokens defined on one apply to everything below it.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '1 to 200 characters.' }),
    parent: t.field({
      type: FolderRef,
      nullable: true,
      description: 'The folder this one is in; null at the top of the tree.',
      resolve: (folder, _args, context) => {
        const parentId = folder.parent?.id;
        if (!parentId) return null;
        return readWorkspace(context, folder.workspace.id)?.foldersById.get(parentId) ?? parentId;
      },
    }),
  }),
});

ProgramRef.implement({
  description: 'A program: it holds campaigns, has an ordered list of statuses and may define My Tokens.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '1 to 200 characters.' }),
    workspace: t.field({
      type: WorkspaceRef,
      description: 'The workspace it belongs to.',
      resolve: (program) => program.workspace.id,
    }),
    folder: t.field({
      type: FolderRef,
      nullable: true,
      description: 'The folder it is in; null when it is in none.',
      resolve: (program, _args, context) => {
        const folderId = program.folder?.id;
        if (!folderId) return null;
        return readWorkspace(context, program.workspace.id)?.foldersById.get(folderId) ?? folderId;
      },
    }),
    statuses: t.exposeStringList('statuses', {
      description: 'The progression, first to last. A lead’s status never moves backwards along it.',
    }),
  }),
});

const statusList = z
  .array(
    z
      .string()
      .trim()
      .min(1, 'a status must not be empty')
      .max(100, 'a status must be at most 100 characters'),
  )
  .min(1, 'a program needs at least one status')
  .max(50, 'at most 50 statuses')
  .refine((statuses) => new Set(statuses.map((status) => status.toLowerCase())).size === statuses.length, {
    message: 'statuses must be unique',
  });

builder.objectFields(WorkspaceRef, (t) => ({
  folders: t.field({
    type: [FolderRef],
    description: 'Every folder of the workspace, at any depth, oldest first.',
    resolve: (workspace, _args, context) => fromWorkspace(context, workspace.id, ({ folders }) => folders),
  }),
  programs: t.field({
    type: [ProgramRef],
    description: 'Every program of the workspace, in any folder or none, oldest first.',
    resolve: (workspace, _args, context) => fromWorkspace(context, workspace.id, ({ programs }) => programs),
  }),
}));

/** The folder an optional argument names, which must be in the workspace: NOT_FOUND otherwise. */
function optionalFolder(context: GraphQLContext, globalId: string | null | undefined, workspaceId: string) {
  if (!globalId) return null;
  return requireInWorkspace(context, Folder, { typename: 'Folder', globalId, workspaceId }, (message) =>
    userError('NOT_FOUND', message),
  );
}

builder.mutationFields((t) => ({
  createFolder: t.field({
    type: FolderRef,
    description: 'A new folder, at the top of the tree or in a parent folder.',
    args: {
      workspaceId: t.arg.id({ description: 'The workspace to create it in.' }),
      name: t.arg.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }),
      parentId: t.arg.id({
        required: false,
        description:
          'The folder to create it in (of the same workspace, else NOT_FOUND); absent: at the top.',
      }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const parent = await optionalFolder(context, args.parentId, workspace.id);
      return createFolder(context, workspace, { name: args.name, parent });
    },
  }),
  createProgram: t.field({
    type: ProgramRef,
    description: `Statuses default to ${DEFAULT_PROGRAM_STATUSES.map((status) => `"${status}"`).join(', ')}.`,
    args: {
      workspaceId: t.arg.id({ description: 'The workspace to create it in.' }),
      name: t.arg.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }),
      folderId: t.arg.id({
        required: false,
        description: 'The folder to create it in (of the same workspace, else NOT_FOUND); absent: none.',
      }),
      statuses: t.arg.stringList({
        required: false,
        description: `The progression, first to last: 1 to 50 statuses, each 1 to 100 characters, unique ignoring case. Absent: ${DEFAULT_PROGRAM_STATUSES.map((status) => `"${status}"`).join(', ')}.`,
        validate: statusList,
      }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const folder = await optionalFolder(context, args.folderId, workspace.id);
      return createProgram(context, workspace, {
        name: args.name,
        folder,
        statuses: args.statuses ?? DEFAULT_PROGRAM_STATUSES,
      });
    },
  }),
}));
