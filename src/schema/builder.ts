import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLObjectType } from 'graphql';
import { ARGUMENT_RULES_PLUGIN } from './argument-rules-plugin.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';
import { COST_DESCRIPTION, QUERY_LIMITS, UNBOUNDED_LIST_ITEMS } from './cost.js';
import { userError } from './errors.js';
import { isDatabaseId } from './ids.js';
import { PAGE_INFO_DESCRIPTIONS } from './paging.js';

function issuePath(path: readonly (PropertyKey | { key: PropertyKey })[] | undefined): string {
  if (!path?.length) return '';
  return `${path.map((part) => String(typeof part === 'object' ? part.key : part)).join('.')}: `;
}

/**
 * The one schema builder, with the root types and the rule that applies to every operation: an API
 * key is required (fields may ask for more). Types live in one file per concept.
 */
export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  AuthScopes: { authenticated: boolean; admin: boolean; workspace: string };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  plugins: [
    ScopeAuthPlugin,
    ARGUMENT_RULES_PLUGIN,
    RelayPlugin,
    DataloaderPlugin,
    ValidationPlugin,
    ComplexityPlugin,
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
    pageInfoTypeOptions: { description: PAGE_INFO_DESCRIPTIONS.type },
    hasPreviousPageFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.hasPreviousPage },
    hasNextPageFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.hasNextPage },
    startCursorFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.startCursor },
    endCursorFieldOptions: { description: PAGE_INFO_DESCRIPTIONS.endCursor },
    nodesQueryOptions: false,
    // A connection field already counts its selection once per requested item (COST.page); its edges
    // list must not multiply it again.
    edgesFieldOptions: { complexity: { field: 1, multiplier: 1 } },
    nodeQueryOptions: {
      description: 'Any object by its global id; null when it does not exist or the key may not see it.',
      // An id of a type that is not a node, or that holds no row's id, names nothing: null, not an error.
      resolve: (_root, args, _context, info, resolveNode) => {
        const type = info.schema.getType(args.id.typename);
        const isNode =
          type instanceof GraphQLObjectType && type.getInterfaces().some((node) => node.name === 'Node');
        return isNode && isDatabaseId(String(args.id.id)) ? resolveNode(args.id) : null;
      },
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

const everyOperationNeedsAKey = { authScopes: { authenticated: true } } as const;
builder.queryType({ ...everyOperationNeedsAKey, description: COST_DESCRIPTION });
builder.mutationType(everyOperationNeedsAKey);
builder.subscriptionType(everyOperationNeedsAKey);
