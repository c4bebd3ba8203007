import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { revokeApiKey } from '../commands/api-keys.js';
import { apiKeyCreation, createWorkspace } from '../commands/assets.js';
import { idempotently } from '../commands/idempotency.js';
import { ApiKey } from '../db/entities/api-key.entity.js';
import { Workspace } from '../db/entities/workspace.entity.js';
import { builder } from './builder.js';
import { canSeeWorkspace, type GraphQLContext, type Viewer } from './context.js';
import { userError } from './errors.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentRequest } from './idempotency.js';
import { databaseId } from './ids.js';
import { requireNode } from './loading.js';

/** Names of workspaces, keys and other objects: trimmed, 1 to 200 characters. */
export const objectName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** The workspaces the viewer may see, in id order. */
function visibleWorkspaces(context: GraphQLContext): Promise<Workspace[]> {
  const viewer = context.viewer;
  if (!viewer) return Promise.resolve([]);
  const where = viewer.kind === 'admin' ? {} : { id: viewer.workspaceId };
  return context.em.find(Workspace, where, { orderBy: { id: 'asc' } });
}

async function loadVisibleWorkspaces(ids: string[], context: GraphQLContext): Promise<(Workspace | null)[]> {
  const visibleIds = ids.filter((id) => canSeeWorkspace(context.viewer, id));
  const found = visibleIds.length ? await context.em.find(Workspace, { id: { $in: visibleIds } }) : [];
  const byId = new Map(found.map((workspace) => [workspace.id, workspace]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The workspace named by a global id, if the viewer may see it; NOT_FOUND otherwise. */
export async function requireWorkspace(context: GraphQLContext, globalId: string): Promise<Workspace> {
  const [workspace] = await loadVisibleWorkspaces([databaseId(globalId, 'Workspace')], context);
  if (!workspace) throw userError('NOT_FOUND', `No Workspace with id ${globalId}`);
  return workspace;
}

export const WorkspaceRef = builder.loadableNodeRef('Workspace', {
  id: { resolve: (workspace: Workspace) => workspace.id },
  load: (ids: string[], context) => loadVisibleWorkspaces(ids, context) as Promise<Workspace[]>,
});

const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey').implement({
  description:
    'A workspace API key, as its workspace lists it: never its secret (shown once, when created) nor its hash.',
  fields: (t) => ({
    id: t.id({
      description: 'The key’s global id, as revokeApiKey takes it.',
      resolve: (apiKey) => encodeGlobalID('ApiKey', apiKey.id),
    }),
    name: t.exposeString('name', { description: 'The name given at creation (1 to 200 characters).' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the key was created.',
      resolve: (apiKey) => apiKey.createdAt,
    }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the key last authenticated a request, to a minute and a second: a server notes it when it looks the key up, which it does at most once a second per key, and at most once a minute (semantics K2 in docs/semantics.md); null if never.',
      resolve: (apiKey) => apiKey.lastUsedAt ?? null,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the key was revoked; null while it works.',
      resolve: (apiKey) => apiKey.revokedAt ?? null,
    }),
  }),
});

WorkspaceRef.implement({
  description: 'The tenancy boundary: every other object belongs to exactly one workspace.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name given at creation (1 to 200 characters).' }),
    apiKeys: t.field({
      type: [ApiKeyRef],
      description:
        'The workspace’s keys, revoked ones included, oldest first: for the admin key and the workspace’s own keys.',
      authScopes: (workspace) => ({ workspace: workspace.id }),
      resolve: (workspace, _args, context) =>
        context.em.find(ApiKey, { workspace: workspace.id }, { orderBy: { id: 'asc' } }),
    }),
  }),
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who the API key in use belongs to.',
  fields: (t) => ({
    isAdmin: t.boolean({
      description: 'True for the admin key, which may see and do everything; false for a workspace key.',
      resolve: (viewer) => viewer.kind === 'admin',
    }),
    workspaces: t.field({
      type: [WorkspaceRef],
      description: 'Every workspace for the admin key; the key’s own workspace otherwise.',
      resolve: (_viewer, _args, context) => visibleWorkspaces(context),
    }),
  }),
});

const ApiKeyCreatedRef = builder.objectRef<{ id: string; secret: string }>('ApiKeyCreated').implement({
  description: 'A new workspace API key. The secret is shown only here, once; only its hash is kept.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The key’s global id (ApiKey.id), as revokeApiKey takes it.' }),
    secret: t.exposeString('secret', {
      description: 'Send it as "Authorization: Bearer <secret>", or as connectionParams.authorization.',
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    description: 'The API key in use: admin or workspace key, and the workspaces it sees.',
    resolve: (_root, _args, context) => context.viewer as Viewer,
  }),
  workspaces: t.field({
    type: [WorkspaceRef],
    description: 'The workspaces this API key may see.',
    resolve: (_root, _args, context) => visibleWorkspaces(context),
  }),
  workspace: t.field({
    type: WorkspaceRef,
    nullable: true,
    description: 'Null when it does not exist or the key may not see it.',
    args: { id: t.arg.id({ description: 'The workspace’s global id.' }) },
    resolve: async (_root, args, context) => {
      const [workspace] = await loadVisibleWorkspaces([databaseId(args.id, 'Workspace')], context);
      return workspace ?? null;
    },
  }),
}));

builder.mutationFields((t) => ({
  createWorkspace: t.field({
    type: WorkspaceRef,
    description: 'Admin key only.',
    authScopes: { admin: true },
    args: { name: t.arg.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }) },
    resolve: async (_root, args, context) => {
      return createWorkspace(context, args.name);
    },
  }),
  createApiKey: t.field({
    type: ApiKeyCreatedRef,
    description: 'Admin key only. The secret is shown once.',
    authScopes: { admin: true },
    args: {
      workspaceId: t.arg.id({ description: 'The workspace the key may see (and nothing else).' }),
      name: t.arg.string({
        description: 'To recognise the key by; trimmed, 1 to 200 characters.',
        validate: objectName,
      }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context, info) => {
      const request = idempotentRequest(context, info, args);
      const workspace = await requireWorkspace(context, args.workspaceId);
      if (context.presentedKey === null) throw new Error('An admin request without the key it was made with');
      const creation = apiKeyCreation(workspace, args.name, context.presentedKey);
      const { apiKeyId, secret } = await idempotently(context, request, creation);
      return { id: encodeGlobalID('ApiKey', apiKeyId), secret };
    },
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    description:
      'The admin key may revoke any workspace key; a workspace key, those of its own workspace (itself included). From then on the key is UNAUTHENTICATED (on other servers within a second: semantics K2 in docs/semantics.md), and its open subscriptions end within 2 s (WebSocket: closed with 4403). Revoking a revoked key changes nothing. A key the caller may not see is NOT_FOUND.',
    args: { id: t.arg.id({ description: 'The key’s global id (ApiKey.id).' }) },
    resolve: async (_root, args, context) => {
      const apiKey = await requireNode(context, ApiKey, 'ApiKey', args.id);
      return revokeApiKey(context, apiKey);
    },
  }),
}));
