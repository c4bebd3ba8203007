import { resolveNodes } from '@pothos/plugin-relay';
import { replaceTokens } from '../commands/tokens.js';
import { CampaignRun } from '../db/entities/campaign-run.entity.js';
import { Folder } from '../db/entities/folder.entity.js';
import { MyToken } from '../db/entities/my-token.entity.js';
import { Program } from '../db/entities/program.entity.js';
import type { FolderRecord, ProgramRecord, TokenRecord } from '../db/sql/workspace-assets.js';
import { TOKEN_TYPES, type TokenType } from '../domain/model.js';
import {
  effectiveTokens,
  MAX_TOKEN_NAME_LENGTH,
  MAX_TOKENS_PER_CALL,
  normalizedTokenKey,
  requireTokens,
  type TokenOwner,
} from '../domain/tokens.js';
import { builder } from './builder.js';
import { fromWorkspace } from './campaign-graph-loader.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { decodeOwnerId, isDatabaseId } from './ids.js';
import { loadVisible, requireVisible } from './loading.js';
import { FolderRef, ProgramRef } from './program.js';

/** The node that defines a token: a folder or program (My Tokens) or a run (its API-passed tokens). */
interface TokenOwnerId {
  typename: 'Folder' | 'Program' | 'CampaignRun';
  id: string;
}

/** A token as shown, with the owner whose definition it is. */
export interface TokenView {
  name: string;
  type: TokenType;
  value: string;
  owner: TokenOwnerId;
}

/** What a token's global id holds: its owner and the key of its name (semantics I1 in docs/semantics.md). */
interface TokenId {
  owner: TokenOwnerId;
  key: string;
}

const TOKEN_ID = /^(Folder|Program|CampaignRun):([0-9]+):(.+)$/;

function tokenIdText({ owner, key }: TokenId): string {
  return `${owner.typename}:${owner.id}:${key}`;
}

function tokenIdOf(token: TokenView): TokenId {
  return { owner: token.owner, key: normalizedTokenKey(token.name) };
}

/** The owner and key in a token id's text; null when it cannot name a token. */
function parseTokenId(text: string): TokenId | null {
  const [, typename, id, key] = TOKEN_ID.exec(text) ?? [];
  if (!typename || !id || !key || !isDatabaseId(id)) return null;
  return { owner: { typename: typename as TokenOwnerId['typename'], id }, key };
}

const TokenTypeEnum = builder.enumType('TokenType', {
  description: 'What a My Token’s value must be (semantics T7 in docs/semantics.md); checked when it is set.',
  values: describedValues(TOKEN_TYPES, {
    TEXT: 'Any text (the default).',
    NUMBER: 'A decimal number.',
    SCORE: 'A score change: +N, -N, =N, =-N or N.',
    DATE: 'An ISO-8601 date or date-time.',
  }),
});

export const TokenInputRef = builder.inputType('TokenInput', {
  description: `A My Token to set, or to pass for one run. At most ${MAX_TOKENS_PER_CALL} per call; a name or value that does not fit is INVALID_TOKEN.`,
  fields: (t) => ({
    name: t.string({
      description: `my.score or {{my.score}}: at most ${MAX_TOKEN_NAME_LENGTH} characters after my., no braces, colons or control characters; matched ignoring case.`,
    }),
    value: t.string({ description: 'The value, as text of its type.' }),
    type: t.field({ type: TokenTypeEnum, required: false, description: 'TEXT when not given.' }),
  }),
});

export type TokenInput = typeof TokenInputRef.$inferInput;

/** A stored My Token's owner: exactly one folder or program (the table's check says so). */
function ownerOf(token: TokenRecord): TokenOwner {
  if (token.program) return { kind: 'program', id: token.program.id };
  if (token.folder) return { kind: 'folder', id: token.folder.id };
  throw new Error(`My Token ${token.name} has no owner`);
}

function viewOf(token: TokenRecord, owner = ownerOf(token)): TokenView {
  return {
    name: token.name,
    type: token.type,
    value: token.value,
    owner: { typename: owner.kind === 'program' ? 'Program' : 'Folder', id: owner.id },
  };
}

/** The tokens passed for a run only. */
export function runTokens(run: CampaignRun): TokenView[] {
  return run.tokens.map((token) => ({ ...token, owner: { typename: 'CampaignRun', id: run.id } }));
}

/**
 * Tokens by id, for node(id) and nodes(ids): null for an owner that is gone or that the key may not
 * see, and for a name its owner does not define (any more).
 */
async function loadTokens(ids: (TokenId | null)[], context: GraphQLContext): Promise<(TokenView | null)[]> {
  const ownerIds = (typename: TokenOwnerId['typename']) =>
    ids.flatMap((id) => (id?.owner.typename === typename ? [id.owner.id] : []));
  const [folders, programs] = [ownerIds('Folder'), ownerIds('Program')];
  const [stored, runs] = await Promise.all([
    folders.length + programs.length > 0
      ? context.em.find(MyToken, { $or: [{ folder: { $in: folders } }, { program: { $in: programs } }] })
      : [],
    loadVisible(context, CampaignRun, ownerIds('CampaignRun')),
  ]);
  const views = [
    ...stored
      .filter((token) => canSeeWorkspace(context.viewer, token.workspace.id))
      .map((token) => viewOf(token)),
    ...runs.flatMap((run) => (run ? runTokens(run) : [])),
  ];
  const byId = new Map(views.map((view) => [tokenIdText(tokenIdOf(view)), view]));
  return ids.map((id) => (id && byId.get(tokenIdText(id))) ?? null);
}

const ownedBy = new WeakMap<readonly TokenRecord[], Map<string, TokenRecord[]>>();

/**
 * The tokens of a snapshot that `owner` defines, in the snapshot's order: grouped by owner once per
 * snapshot (kept across requests), so that listing every program's tokens is not quadratic.
 */
function tokensOwnedBy(tokens: readonly TokenRecord[], owner: TokenOwner): readonly TokenRecord[] {
  let byOwner = ownedBy.get(tokens);
  if (!byOwner) {
    byOwner = new Map();
    for (const token of tokens) {
      const { kind, id } = ownerOf(token);
      const key = `${kind}:${id}`;
      const owned = byOwner.get(key);
      if (owned) owned.push(token);
      else byOwner.set(key, [token]);
    }
    ownedBy.set(tokens, byOwner);
  }
  return byOwner.get(`${owner.kind}:${owner.id}`) ?? [];
}

/** My Tokens in effect for a program, by name, each with the folder or program that defines it. */
function programEffectiveTokens(
  program: ProgramRecord,
  tokens: readonly TokenRecord[],
  folders: ReadonlyMap<string, FolderRecord>,
): TokenView[] {
  const folderOf = (id: string) => {
    const folder = folders.get(id);
    return folder && { parentId: folder.parent?.id ?? null };
  };
  const tokensOf = (owner: TokenOwner) => tokensOwnedBy(tokens, owner);
  return effectiveTokens({ id: program.id, folderId: program.folder?.id ?? null }, folderOf, tokensOf)
    .map(({ token, definedBy }) => viewOf(token, definedBy))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const TokenRef = builder
  .nodeRef<TokenView, TokenId | null>('Token', {
    id: {
      description:
        'Stable: made of the owner (definedBy) and the name, compared as token names are (case and runs of spaces aside), so it stays the same across reads and when setTokens sets the token again.',
      resolve: (token) => tokenIdText(tokenIdOf(token)),
      parse: parseTokenId,
    },
    loadMany: loadTokens,
  })
  .implement({
    description:
      'A My Token: defined on a folder or a program (setTokens), or passed for one run. Its id is its owner and its name.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'Without braces, e.g. my.score' }),
      type: t.field({
        type: TokenTypeEnum,
        description: 'The type its value was checked against.',
        resolve: (token) => token.type,
      }),
      value: t.exposeString('value', { description: 'The value as set, text of its type.' }),
      definedBy: t.field({
        type: builder.nodeInterfaceRef(),
        nullable: true,
        description: 'The folder, program or run that defines it.',
        resolve: async (token, _args, context, info) => {
          const [owner] = await resolveNodes(builder, context, info, [token.owner]);
          return owner ?? null;
        },
      }),
    }),
  });

builder.objectFields(FolderRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'My Tokens defined on this folder.',
    complexity: COST.tokens,
    resolve: (folder, _args, context) =>
      fromWorkspace(context, folder.workspace.id, ({ tokens }) =>
        tokensOwnedBy(tokens, { kind: 'folder', id: folder.id }).map((token) => viewOf(token)),
      ),
  }),
}));

builder.objectFields(ProgramRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'My Tokens defined on this program.',
    complexity: COST.tokens,
    resolve: (program, _args, context) =>
      fromWorkspace(context, program.workspace.id, ({ tokens }) =>
        tokensOwnedBy(tokens, { kind: 'program', id: program.id }).map((token) => viewOf(token)),
      ),
  }),
  effectiveTokens: t.field({
    type: [TokenRef],
    description: 'My Tokens in effect: the folder chain, then the program; the nearest definition wins.',
    complexity: COST.tokens,
    resolve: (program, _args, context) =>
      fromWorkspace(context, program.workspace.id, ({ tokens, foldersById }) =>
        programEffectiveTokens(program, tokens, foldersById),
      ),
  }),
}));

builder.mutationFields((t) => ({
  setTokens: t.field({
    type: [TokenRef],
    description:
      'Replaces the My Tokens of a folder or a program. At most 100; all or nothing. Returns the new set, by name; a token set again keeps its id, so a normalized cache updates it in place.',
    args: {
      ownerId: t.arg.id({
        description: 'The global id of a Folder or a Program (any other id is NOT_FOUND).',
      }),
      tokens: t.arg({
        type: [TokenInputRef],
        description: `The whole new set, at most ${MAX_TOKENS_PER_CALL}; empty removes every token.`,
      }),
    },
    resolve: async (_root, args, context) => {
      const { typename, id } = decodeOwnerId(args.ownerId, ['Folder', 'Program'] as const);
      const described = { typename, globalId: args.ownerId };
      const owner =
        typename === 'Folder'
          ? { folder: await requireVisible(context, Folder, id, described), program: null }
          : { folder: null, program: await requireVisible(context, Program, id, described) };
      const tokens = requireTokens(args.tokens);
      const saved = await replaceTokens(context, owner, tokens);
      return saved.map((token) => viewOf(token)).sort((a, b) => a.name.localeCompare(b.name));
    },
  }),
}));
