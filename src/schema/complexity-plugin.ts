import SchemaBuilder, {
  createContextCache,
  type PothosOutputFieldConfig,
  PothosSchemaError,
  type SchemaTypes,
} from '@pothos/core';
import { PothosComplexityPlugin } from '@pothos/plugin-complexity';
import type { GraphQLResolveInfo, OperationDefinitionNode } from 'graphql';

type Complexity = ReturnType<PothosComplexityPlugin<SchemaTypes>['complexityCache']>;

/** Variable sets kept per operation: the set is emptied when it fills. */
const KEPT_VARIABLE_SETS = 64;
/** Variables longer than this as JSON are priced on every request rather than kept. */
const KEPT_VARIABLES_CHARACTERS = 4096;

/**
 * The complexity plugin, with a query's or a subscription's figures kept across requests for each
 * set of its variables: a large document's walk on each request cost about as much as a simple
 * field's whole answer. Every field's price depends on its arguments only (src/schema/cost.ts), so
 * the operation and its variables decide the figures; operations are the parse cache's nodes, so a
 * document sent again finds them, and one dropped from that cache takes them with it. Mutations,
 * seldom sent twice alike and often with large variables, are priced each time.
 */
class OperationComplexityPlugin<Types extends SchemaTypes> extends PothosComplexityPlugin<Types> {
  private readonly known = new WeakMap<OperationDefinitionNode, Map<string, Complexity>>();

  constructor(...args: ConstructorParameters<typeof PothosComplexityPlugin<Types>>) {
    super(...args);
    const perRequest = this.complexityCache;
    this.complexityCache = createContextCache((context: Types['Context'], info: GraphQLResolveInfo) =>
      this.complexityOf(info, () => perRequest(context, info)),
    );
  }

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    const price: unknown = (fieldConfig.pothosOptions as { complexity?: unknown }).complexity;
    if (typeof price === 'function' && price.length > 1) {
      throw new PothosSchemaError(
        `${fieldConfig.parentType}.${fieldConfig.name}: a complexity may depend on the field's arguments only (its figures are kept across requests)`,
      );
    }
    const config = super.onOutputFieldConfig(fieldConfig);
    const priced = config.extensions?.complexity;
    if (typeof priced !== 'function') return config;
    // Handed the arguments alone, whatever its parameters: a price can then not depend on the context.
    // (The parent made `extensions` afresh for this field.)
    const byArguments = (args: unknown) => (priced as (args: unknown) => unknown)(args);
    Object.assign(config.extensions as object, { complexity: byArguments });
    return config;
  }

  private complexityOf(info: GraphQLResolveInfo, compute: () => Complexity): Complexity {
    if (info.operation.operation === 'mutation') return compute();
    const variables = JSON.stringify(info.variableValues);
    if (variables.length > KEPT_VARIABLES_CHARACTERS) return compute();
    let byVariables = this.known.get(info.operation);
    if (!byVariables) {
      byVariables = new Map();
      this.known.set(info.operation, byVariables);
    }
    let complexity = byVariables.get(variables);
    if (complexity === undefined) {
      complexity = compute();
      if (byVariables.size >= KEPT_VARIABLE_SETS) byVariables.clear();
      byVariables.set(variables, complexity);
    }
    return complexity;
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
