import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { GraphQLContext } from './context.js';

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

const hooks: ((context: GraphQLContext) => void)[] = [];

/**
 * Runs `hook` once each mutation field has resolved, before its selection is read: request caches
 * that would answer from what the mutation may have changed forget it there.
 */
export function afterEachMutation(hook: (context: GraphQLContext) => void): void {
  hooks.push(hook);
}

/** Runs the `afterEachMutation` hooks after every field of the Mutation type, whether it succeeded or not. */
class AfterMutationPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    if (fieldConfig.parentType !== 'Mutation') return resolver;
    return async (parent, args, context, info) => {
      try {
        return await resolver(parent, args, context, info);
      } finally {
        for (const hook of hooks) hook(context as GraphQLContext);
      }
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      afterMutation: AfterMutationPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const AFTER_MUTATION_PLUGIN = 'afterMutation';
SchemaBuilder.registerPlugin(AFTER_MUTATION_PLUGIN, AfterMutationPlugin);
