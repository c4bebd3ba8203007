import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../../src/schema/selection.js';

/** The resolve info of the operation's first root field, as far as selectedFields reads it. */
function infoOf(document: string): GraphQLResolveInfo {
  const { definitions } = parse(document);
  const operation = definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operation?.selectionSet.selections[0] as FieldNode;
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectedFields', () => {
  it('names the fields at a path, those of inline fragments and fragment spreads included', () => {
    const info = infoOf(`
      { activities { edges { node { id ... on ExecuteCampaignActivity { qualified } ...Lead } } } }
      fragment Lead on Activity { lead { id } }
    `);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual(['id', 'lead', 'qualified']);
    expect([...selectedFields(info, ['edges'])]).toEqual(['node']);
  });

  it('answers each set of field nodes and each path with its own fields, asked again or not', () => {
    const withLead = infoOf('{ activities { edges { node { lead { id } } } } }');
    const withoutLead = infoOf('{ activities { edges { node { id } } } }');
    for (let time = 0; time < 2; time += 1) {
      expect([...selectedFields(withLead, ['edges', 'node'])]).toEqual(['lead']);
      expect([...selectedFields(withoutLead, ['edges', 'node'])]).toEqual(['id']);
      expect([...selectedFields(withLead, ['edges', 'node', 'lead'])]).toEqual(['id']);
    }
  });
});
