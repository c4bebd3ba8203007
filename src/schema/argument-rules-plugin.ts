import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  type GraphQLResolveInfo,
  GraphQLScalarType,
  getNullableType,
} from 'graphql';
import { unstorableTextPath } from '../domain/text.js';
import { userError } from './errors.js';

type Resolver<Types extends SchemaTypes> = GraphQLFieldResolver<unknown, Types['Context'], object>;

/**
 * Where a value of an input type holds an ID that is empty (or only spaces), as the keys and indexes
 * down to it; null when none does. The path is put together only once one is found: every field's
 * arguments go through here.
 */
function emptyIdPath(value: unknown, type: GraphQLInputType): (string | number)[] | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (nullable instanceof GraphQLList && Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = emptyIdPath(value[index], nullable.ofType);
      if (found !== null) return [index, ...found];
    }
    return null;
  }
  if (nullable instanceof GraphQLInputObjectType && typeof value === 'object') {
    const fields = nullable.getFields();
    for (const name in fields) {
      const found = emptyIdPath(
        (value as Record<string, unknown>)[name],
        (fields[name] as GraphQLInputField).type,
      );
      if (found !== null) return [name, ...found];
    }
    return null;
  }
  const isId = nullable instanceof GraphQLScalarType && nullable.name === 'ID';
  return isId && typeof value === 'string' && value.trim() === '' ? [] : null;
}

function fieldArguments(info: GraphQLResolveInfo): readonly GraphQLArgument[] {
  return info.parentType.getFields()[info.fieldName]?.args ?? [];
}

/**
 * Refuses arguments no resolver can use, whichever field takes them and whether they are written
 * inline or sent as variables: text PostgreSQL cannot store (see `unstorableTextPath`) and empty
 * IDs (an empty id names nothing; it is not the same as leaving the argument out).
 */
function refuseUnusableArguments(args: Record<string, unknown>, info: GraphQLResolveInfo): void {
  const textPath = unstorableTextPath(args);
  if (textPath !== null) {
    throw userError('BAD_USER_INPUT', `${textPath}: text may not hold NUL characters or lone surrogates`);
  }
  for (const argument of fieldArguments(info)) {
    const idPath = emptyIdPath(args[argument.name], argument.type);
    if (idPath !== null) {
      throw userError('BAD_USER_INPUT', `${[argument.name, ...idPath].join('.')}: an id may not be empty`);
    }
  }
}

/** Checks every field's arguments with `refuseUnusableArguments` before its resolver runs. */
class ArgumentRulesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: Resolver<Types>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      refuseUnusableArguments(args as Record<string, unknown>, info);
      return resolver(parent, args, context, info);
    };
  }

  override wrapSubscribe(
    subscribe: Resolver<Types> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): Resolver<Types> | undefined {
    if (!subscribe || Object.keys(fieldConfig.args).length === 0) return subscribe;
    return (parent, args, context, info) => {
      refuseUnusableArguments(args as Record<string, unknown>, info);
      return subscribe(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      argumentRules: ArgumentRulesPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const ARGUMENT_RULES_PLUGIN = 'argumentRules';
SchemaBuilder.registerPlugin(ARGUMENT_RULES_PLUGIN, ArgumentRulesPlugin);
