import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { resolveNodes } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { PrintedInstant } from '../db/sql/activity-feed.js';
import { AFTER_MUTATION_PLUGIN } from './after-mutation-plugin.js';
import { ARGUMENT_RULES_PLUGIN } from './argument-rules-plugin.js';
import { OPERATION_COMPLEXITY_PLUGIN } from './complexity-plugin.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';
import { COST_DESCRIPTION, QUERY_LIMITS, UNBOUNDED_LIST_ITEMS } from './cost.js';
import { userError } from './errors.js';
import { isDatabaseId } from './ids.js';
import { SYNC_NODE_ID_PLUGIN } from './node-id-plugin.js';
import { PAGE_INFO_DESCRIPTIONS } from './paging.js';

function issuePath(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  if (!path?.length) return '';
  return `${path.map((part) => String(typeof part === 'object' ? part.key : part)).join('.')}: `;
}

/**
 * Whether a decoded global id can name an object: its type implements Node, and its id part is a
 * row's id or what the type's own parser (`id.parse`: ids made of an owner and a name) accepted.
 */
function namesANode(globalId: { typename: string; id: unknown }, schema: GraphQLSchema): boolean {
  const type = schema.getType(globalId.typename);
  const isNode =
    type instanceof GraphQLObjectType && type.getInterfaces().some((node) => node.name === 'Node');
  return isNode && (typeof globalId.id === 'string' ? isDatabaseId(globalId.id) : globalId.id != null);
}

/** The most ids one `nodes(ids:)` takes. */
export const MAX_NODES = 100;

/**
 * The one schema builder, with the root types and the rule that applies to every operation: an API
 * key is required (fields may ask for more). Types live in one file per concept.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: { authenticated: boolean; admin: boolean; workspace: string };
  Scalars: {
    DateTime: { Input: Date; Output: Date | PrintedInstant };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [
    ScopeAuthPlugin,
    ARGUMENT_RULES_PLUGIN,
    AFTER_MUTATION_PLUGIN,
    RelayPlugin,
    DataloaderPlugin,
    ValidationPlugin,
    OPERATION_COMPLEXITY_PLUGIN,
    SYNC_NODE_ID_PLUGIN,
  ],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    // Subscriptions are refused when they start, not only when their first event arrives.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      admin: context.viewer?.kind === 'admin',
      workspace: (workspaceId) => canSeeWorkspace(context.viewer, workspaceId),
    }),
    unauthorizedError: (_parent, context) =>
      context.viewer
        ? userError('FORBIDDEN', 'This API key may not do that')
        : userError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>"'),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: {
      description:
        'An object with a global id: refetch it with node(id) or nodes(ids), and key a normalized cache by its id.',
    },
    idFieldOptions: {
      description: 'The global id: opaque, stable, unique across every type; node(id) refetches the object.',
    },
    cursorFieldOptions: {
      description: 'Where this item lies in the list: pass it as `after` or `before` to page from it.',
    },
    nodeFieldOptions: { description: 'The item.' },
    pageInfoFieldOptions: { description: 'Where this page lies in the list, and the cursors to page on.' },
    pageInfoTypeOptions: { description: PAGE_INFO_DESCRIPTIONS.type },
    hasPreviousPageFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.hasPreviousPage },
    hasNextPageFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.hasNextPage },
    startCursorFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.startCursor },
    endCursorFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.endCursor },
    // A connection field already counts its selection once per requested item (COST.page); its edges
    // list must not multiply it again.
    edgesFieldOptions: {
      description: 'The page’s items with their cursors, in the list’s order (oldest first).',
      complexity: { field: 1, multiplier: 1 },
    },
    nodesQueryOptions: {
      description: `Objects by their global ids, in the order asked: null in the place of an id that names nothing or an object the key may not see. At most ${MAX_NODES} ids (more is BAD_USER_INPUT); a malformed id is BAD_USER_INPUT, as in node(id).`,
      args: { ids: { description: `Global ids of any node types, at most ${MAX_NODES}; repeats allowed.` } },
      // Each id costs what its selection does; past the bound, the bound's own error says why.
      complexity: (args) => ({ field: 1, multiplier: Math.min(args.ids.length, MAX_NODES) }),
      resolve: (_root, args, context, info) => {
        if (args.ids.length > MAX_NODES) {
          throw userError('BAD_USER_INPUT', `nodes takes at most ${MAX_NODES} ids`);
        }
        const named = args.ids.map((id) => (namesANode(id, info.schema) ? id : null));
        return loadNodes(context, info, named);
      },
    },
    nodeQueryOptions: {
      description: 'Any object by its global id; null when it does not exist or the key may not see it.',
      args: { id: { description: 'A global id of any node type; a malformed one is BAD_USER_INPUT.' } },
      // An id of a type that is not a node, or that holds no object's id, names nothing: null, not an error.
      resolve: (_root, args, _context, info, resolveNode) =>
        namesANode(args.id, info.schema) ? resolveNode(args.id) : null,
    },
  },
  validation: {
    validationError: (failure) =>
      userError(
        'BAD_USER_INPUT',
        failure.issues.map((issue) => `${issuePath(issue.path)}${issue.message}`).join('; '),
      ),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: UNBOUNDED_LIST_ITEMS,
    limit: QUERY_LIMITS,
    // A client hitting a limit gets a BAD_USER_INPUT error naming it, its measure and the limit.
    complexityError: (kind, result) => {
      const measure = kind.toLowerCase() as keyof typeof QUERY_LIMITS;
      return userError(
        'BAD_USER_INPUT',
        `Query ${measure} ${result[measure]} exceeds the limit of ${QUERY_LIMITS[measure]}`,
      );
    },
  },
});

/** Loads nodes the way node(id) does, by their decoded global ids; null ids stay null. */
function loadNodes(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  ids: ({ typename: string; id: unknown } | null)[],
): Promise<unknown[]> {
  return resolveNodes(builder, context, info, ids);
}

const everyOperationNeedsAKey = { authScopes: { authenticated: true } } as const;
builder.queryType({ ...everyOperationNeedsAKey, description: COST_DESCRIPTION });
builder.mutationType({
  ...everyOperationNeedsAKey,
  description:
    'Every change. A refused mutation writes nothing and says why in errors[].extensions.code (docs/api-guide.md, Errors).',
});
builder.subscriptionType({
  ...everyOperationNeedsAKey,
  description:
    'Live events, over WebSocket (graphql-transport-ws) or server-sent events: see docs/streaming.md for limits and resuming.',
});
