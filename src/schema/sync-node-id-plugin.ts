import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver } from 'graphql';

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

/** What the relay plugin keeps of a node type's options: how its id is read from an object. */
interface NodeOptions {
  id?: { resolve?: (parent: unknown, args: object, context: unknown, info: unknown) => unknown };
}

/**
 * Answers a node type's `id` field at once. The relay plugin's own resolver for it is an async
 * function, so that every object with an id cost the executor a promise, and the object that holds
 * it (a page's row, say) a promise too. The id is the same: the type's `id.resolve`, encoded as the
 * relay plugin encodes it (the builder sets no `encodeGlobalID` of its own). Fields that are not a
 * node's id keep their resolver, and so does an id whose `id.resolve` returns a promise.
 */
class SyncNodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    if (fieldConfig.name !== 'id' || fieldConfig.kind !== 'Object') return resolver;
    const typeConfig = this.buildCache.getTypeConfig(fieldConfig.parentType);
    const readId = (typeConfig.pothosOptions as NodeOptions).id?.resolve;
    if (typeConfig.kind !== 'Object' || !readId) return resolver;
    const typename = typeConfig.name;
    return (parent, args, context, info) => {
      const id = readId(parent, args, context, info);
      if (id instanceof Promise) return resolver(parent, args, context, info);
      return encodeGlobalID(typename, String(id));
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeId: SyncNodeIdPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list: last, so that it is the innermost wrapper. */
export const SYNC_NODE_ID_PLUGIN = 'syncNodeId';
SchemaBuilder.registerPlugin(SYNC_NODE_ID_PLUGIN, SyncNodeIdPlugin);
