import SchemaBuilder, {
  BasePlugin,
  completeValue,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { globalId } from './ids.js';

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

/** What a node type's options give for its id (`builder.nodeRef(name, { id: { resolve } })`). */
interface NodeIdOptions {
  id?: { resolve?: Resolver<SchemaTypes> };
}

/**
 * Resolves a node type's `id` field without a promise when its id resolver returns none: the relay
 * plugin's global id field always awaits it, and the executor then awaits one promise per object
 * of every list. Listed last among the plugins, so that the others wrap this resolver as before;
 * the id is encoded as the relay plugin encodes it (`globalId`).
 */
class SyncNodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    if (fieldConfig.name !== 'id' || fieldConfig.kind !== 'Object') return resolver;
    const typeName = fieldConfig.parentType;
    const options = this.buildCache.getTypeConfig(typeName).pothosOptions as NodeIdOptions;
    const resolveId = options.id?.resolve;
    if (!resolveId) return resolver;
    return (parent, args, context, info) =>
      completeValue(resolveId(parent, args, context, info), (id) => globalId(typeName, String(id)));
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeId: SyncNodeIdPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list (last). */
export const SYNC_NODE_ID_PLUGIN = 'syncNodeId';
SchemaBuilder.registerPlugin(SYNC_NODE_ID_PLUGIN, SyncNodeIdPlugin);
