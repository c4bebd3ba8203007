import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { IdempotentRequest } from '../commands/idempotency.js';
import { idempotencyKeyOf, MAX_IDEMPOTENCY_KEY_LENGTH } from '../domain/idempotency.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';

/** The mutations that take an idempotency key (semantics R7). */
const IDEMPOTENT_MUTATIONS = new Set([
  'scheduleCampaign',
  'requestCampaign',
  'upsertLeads',
  'createCampaign',
  'createApiKey',
]);

/** The description of each mutation's `idempotencyKey` argument. */
export const IDEMPOTENCY_KEY_DESCRIPTION = `For retries (semantics R7 in docs/semantics.md): a retry with the same key and arguments within 24 hours gets the first result and changes nothing; other arguments are BAD_USER_INPUT. 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters, per API key. For WebSocket clients; over HTTP the Idempotency-Key header does the same (both given: they must agree).`;

/** How many fields of the selection, its fragments included, are idempotent mutations. */
function idempotentFieldCount(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (IDEMPOTENT_MUTATIONS.has(selection.name.value)) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += idempotentFieldCount(selection.selectionSet, fragments);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) count += idempotentFieldCount(fragment.selectionSet, fragments);
    }
  }
  return count;
}

/**
 * The idempotent request of a mutation field, or null without a key. The header names one
 * mutation: an operation with two idempotent fields and the header is refused, since their
 * retries could not tell which result is whose.
 */
export function idempotentRequest(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  { idempotencyKey, ...args }: Record<string, unknown> & { idempotencyKey?: string | null },
): IdempotentRequest | null {
  const key = idempotencyKeyOf(context.idempotencyKeyHeader, idempotencyKey);
  if (key === null) return null;
  if (
    context.idempotencyKeyHeader !== null &&
    idempotentFieldCount(info.operation.selectionSet, info.fragments) > 1
  ) {
    throw userError(
      'BAD_USER_INPUT',
      'The Idempotency-Key header applies to one mutation: send one idempotent mutation per request, or give each its own idempotencyKey argument',
    );
  }
  const viewer = context.viewer;
  const owner = viewer?.kind === 'workspace' ? `api-key:${viewer.apiKeyId}` : 'admin';
  return { owner, key, mutation: info.fieldName, args };
}
