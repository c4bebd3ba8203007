import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { createContextCache } from '@pothos/core';
import type { GraphQLError } from 'graphql';
import { afterEachMutation } from './after-mutation-plugin.js';
import { canSeeWorkspace, type GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { databaseId } from './ids.js';

/** What every workspace-owned entity has. */
export interface Owned {
  id: string;
  workspace: { id: string };
  deletedAt?: Date | null;
}

/**
 * Loads entities by id for a dataloader: one query for the batch, results in the order asked.
 * Objects of a workspace the viewer may not see, and deleted ones, come back as null: they look as
 * if they did not exist.
 */
export async function loadVisible<T extends Owned>(
  context: GraphQLContext,
  entity: EntityName<T>,
  ids: readonly string[],
): Promise<(T | null)[]> {
  if (ids.length === 0) return [];
  return visibleOf(context, ids, await context.em.find(entity, [...ids] as FilterQuery<T>));
}

/**
 * Loads plain records by id for a dataloader, as `loadVisible` does entities: `read` runs one
 * statement for the batch; what the viewer may not see, and deleted records, come back as null.
 */
export async function loadVisibleRecords<T extends Owned>(
  context: GraphQLContext,
  read: (em: GraphQLContext['em'], ids: readonly string[]) => Promise<T[]>,
  ids: readonly string[],
): Promise<(T | null)[]> {
  if (ids.length === 0) return [];
  return visibleOf(context, ids, await read(context.em, ids));
}

function visibleOf<T extends Owned>(
  context: GraphQLContext,
  ids: readonly string[],
  found: readonly T[],
): (T | null)[] {
  const visible = new Map(
    found
      .filter((item) => !item.deletedAt && canSeeWorkspace(context.viewer, item.workspace.id))
      .map((item) => [item.id, item]),
  );
  return ids.map((id) => visible.get(id) ?? null);
}

/** One visible entity, or NOT_FOUND naming the type and the id the client sent. */
export async function requireVisible<T extends Owned>(
  context: GraphQLContext,
  entity: EntityName<T>,
  id: string,
  described: { typename: string; globalId: string },
): Promise<T> {
  const [item] = await loadVisible(context, entity, [id]);
  if (!item) throw userError('NOT_FOUND', `No ${described.typename} with id ${described.globalId}`);
  return item;
}

/** The visible object of a global id of type `typename`; NOT_FOUND (naming the id sent) otherwise. */
export function requireNode<T extends Owned>(
  context: GraphQLContext,
  entity: EntityName<T>,
  typename: string,
  globalId: string,
): Promise<T> {
  return requireVisible(context, entity, databaseId(globalId, typename), { typename, globalId });
}

/**
 * The database id of an object the input refers to, which must be visible and in the given
 * workspace; `fail(message)` makes the error when it is not (a malformed id included).
 */
export async function requireInWorkspace<T extends Owned>(
  context: GraphQLContext,
  entity: EntityName<T>,
  reference: { typename: string; globalId: string; workspaceId: string },
  fail: (message: string) => GraphQLError,
): Promise<T> {
  const { typename, globalId, workspaceId } = reference;
  let id: string;
  try {
    id = databaseId(globalId, typename);
  } catch {
    throw fail(`${globalId} is not a ${typename} id`);
  }
  const [found] = await loadVisible(context, entity, [id]);
  if (!found || found.workspace.id !== workspaceId)
    throw fail(`no ${typename} with id ${globalId} in this workspace`);
  return found;
}

/**
 * Objects of a loadable type that a request reads ahead for many fields at once (a page's rows),
 * through the type's loader (so visibility holds), so that each field then answers at once rather
 * than with a promise. Each mutation forgets them: what it returns is read after its change.
 */
export function objectsInHand<T extends { id: string }>(
  loaderOf: (context: GraphQLContext) => {
    loadMany(ids: string[]): Promise<(T | Error | null)[]>;
    prime(id: string, value: T): unknown;
  },
) {
  const inHand = createContextCache((_context: GraphQLContext) => new Map<string, T>());
  afterEachMutation((context) => inHand(context).clear());
  return {
    /** Reads these objects into the request, in one batch with whatever else the loader loads. */
    async read(context: GraphQLContext, ids: Iterable<string>): Promise<void> {
      const held = inHand(context);
      const unread = [...new Set(ids)].filter((id) => !held.has(id));
      if (unread.length === 0) return;
      // An error stays in the loader, where the field that asks for the object meets it.
      for (const found of await loaderOf(context).loadMany(unread)) {
        if (found && !(found instanceof Error)) held.set(found.id, found);
      }
    },
    /**
     * Puts objects the caller read along with something else into the request, as `read` would:
     * those the viewer may see, also into the loader, so that a field that loads one by id needs
     * no statement either. An object already in hand stays as it was read.
     */
    hold(context: GraphQLContext, records: readonly (T & Owned)[]): void {
      const held = inHand(context);
      const fresh = records.filter((record) => !held.has(record.id));
      const visible = visibleOf(
        context,
        fresh.map(({ id }) => id),
        fresh,
      );
      const loader = loaderOf(context);
      for (const record of visible) {
        if (!record) continue;
        held.set(record.id, record);
        loader.prime(record.id, record);
      }
    },
    /** An object `read` or `hold` has put into the request, if any. */
    get(context: GraphQLContext, id: string): T | undefined {
      return inHand(context).get(id);
    },
  };
}
