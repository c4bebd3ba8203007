import { brandWithType, createContextCache, typeBrandKey } from '@pothos/core';
import DataLoader from 'dataloader';
import { replaceTokens } from '../commands/tokens.js';
import { Folder } from '../db/entities/folder.entity.js';
import { MyToken } from '../db/entities/my-token.entity.js';
import { Program } from '../db/entities/program.entity.js';
import { TOKEN_TYPES, type TokenType } from '../domain/model.js';
import { effectiveTokens, requireTokens, type TokenOwner } from '../domain/tokens.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { decodeOwnerId } from './ids.js';
import { requireVisible } from './loading.js';
import { FolderRef, ProgramRef } from './program.js';

/** A node type whose objects load by id through a request-scoped dataloader. */
interface LoadableNode {
  getDataloader(context: GraphQLContext): { load(id: string): Promise<unknown> };
}

/** A token as shown: `definedBy` names the folder, program or run whose definition is in effect. */
export interface TokenView {
  name: string;
  type: TokenType;
  value: string;
  definedBy: { ref: LoadableNode; id: string } | null;
}

const TokenTypeEnum = builder.enumType('TokenType', {
  values: describedValues(TOKEN_TYPES, {
    NUMBER: 'A decimal number.',
    SCORE: 'A score change: +N, -N, =N, =-N or N.',
    DATE: 'An ISO-8601 date or date-time.',
  }),
});

export const TokenInputRef = builder.inputType('TokenInput', {
  fields: (t) => ({
    name: t.string({ description: 'my.score or {{my.score}}' }),
    value: t.string(),
    type: t.field({ type: TokenTypeEnum, required: false, description: 'TEXT when not given.' }),
  }),
});

export type TokenInput = typeof TokenInputRef.$inferInput;

function ownerOf(token: MyToken): TokenOwner | null {
  if (token.program) return { kind: 'program', id: token.program.id };
  return token.folder ? { kind: 'folder', id: token.folder.id } : null;
}

function viewOf(token: MyToken, owner = ownerOf(token)): TokenView {
  return {
    name: token.name,
    type: token.type,
    value: token.value,
    definedBy: owner && { ref: owner.kind === 'program' ? ProgramRef : FolderRef, id: owner.id },
  };
}

/** Every My Token of a workspace and its folders, loaded once per request and workspace. */
const workspaceTokens = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, { tokens: MyToken[]; folders: Map<string, Folder> }>(async (workspaceIds) => {
      const [tokens, folders] = await Promise.all([
        context.em.find(MyToken, { workspace: { $in: [...workspaceIds] } }, { orderBy: { name: 'asc' } }),
        context.em.find(Folder, { workspace: { $in: [...workspaceIds] } }),
      ]);
      return workspaceIds.map((workspaceId) => ({
        tokens: tokens.filter((token) => token.workspace.id === workspaceId),
        folders: new Map(
          folders
            .filter((folder) => folder.workspace.id === workspaceId)
            .map((folder) => [folder.id, folder]),
        ),
      }));
    }),
);

/** My Tokens in effect for a program, by name, each with the folder or program that defines it. */
function programEffectiveTokens(
  program: Program,
  tokens: MyToken[],
  folders: Map<string, Folder>,
): TokenView[] {
  const folderOf = (id: string) => {
    const folder = folders.get(id);
    return folder && { parentId: folder.parent?.id ?? null };
  };
  const tokensOf = (owner: TokenOwner) =>
    tokens.filter((token) => (owner.kind === 'program' ? token.program : token.folder)?.id === owner.id);
  return effectiveTokens({ id: program.id, folderId: program.folder?.id ?? null }, folderOf, tokensOf)
    .map(({ token, definedBy }) => viewOf(token, definedBy))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const TokenRef = builder.objectRef<TokenView>('Token').implement({
  description: 'A My Token.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Without braces, e.g. my.score' }),
    type: t.field({ type: TokenTypeEnum, resolve: (token) => token.type }),
    value: t.exposeString('value'),
    definedBy: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The folder, program or run that defines it.',
      resolve: async (token, _args, context) => {
        if (!token.definedBy) return null;
        const { ref, id } = token.definedBy;
        const owner = await ref.getDataloader(context).load(id);
        if (!owner || typeof owner !== 'object') return null;
        // The Node interface resolves its concrete type from this brand (once: entities are shared).
        if (!(typeBrandKey in owner)) brandWithType(owner, ref as typeof FolderRef);
        return owner;
      },
    }),
  }),
});

builder.objectFields(FolderRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'My Tokens defined on this folder.',
    complexity: COST.tokens,
    resolve: async (folder, _args, context) =>
      (await workspaceTokens(context).load(folder.workspace.id)).tokens
        .filter((token) => token.folder?.id === folder.id)
        .map((token) => viewOf(token)),
  }),
}));

builder.objectFields(ProgramRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'My Tokens defined on this program.',
    complexity: COST.tokens,
    resolve: async (program, _args, context) =>
      (await workspaceTokens(context).load(program.workspace.id)).tokens
        .filter((token) => token.program?.id === program.id)
        .map((token) => viewOf(token)),
  }),
  effectiveTokens: t.field({
    type: [TokenRef],
    description: 'My Tokens in effect: the folder chain, then the program; the nearest definition wins.',
    complexity: COST.tokens,
    resolve: async (program, _args, context) => {
      const { tokens, folders } = await workspaceTokens(context).load(program.workspace.id);
      return programEffectiveTokens(program, tokens, folders);
    },
  }),
}));

builder.mutationFields((t) => ({
  setTokens: t.field({
    type: [TokenRef],
    description: 'Replaces the My Tokens of a folder or a program. At most 100; all or nothing.',
    args: { ownerId: t.arg.id(), tokens: t.arg({ type: [TokenInputRef] }) },
    resolve: async (_root, args, context) => {
      const { typename, id } = decodeOwnerId(args.ownerId, ['Folder', 'Program'] as const);
      const described = { typename, globalId: args.ownerId };
      const owner =
        typename === 'Folder'
          ? { folder: await requireVisible(context, Folder, id, described), program: null }
          : { folder: null, program: await requireVisible(context, Program, id, described) };
      const workspace = (owner.folder ?? owner.program).workspace;
      const tokens = requireTokens(args.tokens);
      const saved = await replaceTokens(context, owner, tokens);
      workspaceTokens(context).clear(workspace.id);
      return saved.map((token) => viewOf(token)).sort((a, b) => a.name.localeCompare(b.name));
    },
  }),
}));
