import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { unstorableTextPath } from '../domain/text.js';
import { userError } from './errors.js';

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

function refuseUnstorableText(args: object): void {
  const path = unstorableTextPath(args);
  if (path !== null) {
    throw userError('BAD_USER_INPUT', `${path}: text may not hold NUL characters or lone surrogates`);
  }
}

/**
 * Refuses, before any resolver runs, arguments whose text PostgreSQL cannot store (see
 * `unstorableTextPath`): one rule for every String, ID and JSON input, given inline or as a variable.
 */
class StorableTextPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      refuseUnstorableText(args);
      return resolver(parent, args, context, info);
    };
  }

  override wrapSubscribe(
    subscribe: Resolver<Types> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> | undefined {
    if (!subscribe || Object.keys(fieldConfig.args).length === 0) return subscribe;
    return (parent, args, context, info) => {
      refuseUnstorableText(args);
      return subscribe(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      storableText: StorableTextPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const STORABLE_TEXT_PLUGIN = 'storableText';
SchemaBuilder.registerPlugin(STORABLE_TEXT_PLUGIN, StorableTextPlugin);
