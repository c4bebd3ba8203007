import SchemaBuilder, { createContextCache, type SchemaTypes } from '@pothos/core';
import { PothosComplexityPlugin } from '@pothos/plugin-complexity';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';

type Complexity = ReturnType<PothosComplexityPlugin<SchemaTypes>['complexityCache']>;

/** Variable sets kept per operation: the set is emptied when it fills. */
const KEPT_VARIABLE_SETS = 64;
const known = new WeakMap<OperationDefinitionNode, Map<string, Complexity>>();

/**
 * An operation's complexity, computed once for each set of variables: every field's price here
 * depends on its arguments only (src/schema/cost.ts), and a large document's walk on each request
 * cost about as much as a simple field's whole answer. Operations are the parse cache's nodes, so
 * a document sent again finds its figures; one dropped from that cache takes them with it.
 */
function complexityOf(info: GraphQLResolveInfo, compute: () => Complexity): Complexity {
  let byVariables = known.get(info.operation);
  if (!byVariables) {
    byVariables = new Map();
    known.set(info.operation, byVariables);
  }
  const variables = JSON.stringify(info.variableValues);
  let complexity = byVariables.get(variables);
  if (complexity === undefined) {
    complexity = compute();
    if (byVariables.size >= KEPT_VARIABLE_SETS) byVariables.clear();
    byVariables.set(variables, complexity);
  }
  return complexity;
}

/** The complexity plugin, with each operation's figures kept across requests (`complexityOf`). */
class OperationComplexityPlugin<Types extends SchemaTypes> extends PothosComplexityPlugin<Types> {
  constructor(...args: ConstructorParameters<typeof PothosComplexityPlugin<Types>>) {
    super(...args);
    const perRequest = this.complexityCache;
    this.complexityCache = createContextCache((context: Types['Context'], info: GraphQLResolveInfo) =>
      complexityOf(info, () => perRequest(context, info)),
    );
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      operationComplexity: OperationComplexityPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list in place of the complexity plugin's. */
export const OPERATION_COMPLEXITY_PLUGIN = 'operationComplexity';
SchemaBuilder.registerPlugin(OPERATION_COMPLEXITY_PLUGIN, OperationComplexityPlugin);
