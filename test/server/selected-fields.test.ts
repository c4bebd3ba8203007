import {
  buildSchema,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
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

  it('is asked with the same field nodes on every execution of a compiled query', async () => {
    const asked: { fieldNodes: GraphQLResolveInfo['fieldNodes']; selected: string[] }[] = [];
    const schema = buildSchema(
      'type Query { page: Page } type Page { edges: [Edge] } type Edge { node: Node } type Node { id: ID lead: ID }',
    );
    const page = schema.getQueryType()?.getFields().page as GraphQLField<unknown, unknown>;
    page.resolve = (_root, _args, _context, info) => {
      asked.push({ fieldNodes: info.fieldNodes, selected: [...selectedFields(info, ['edges', 'node'])] });
      return { edges: [] };
    };
    const query = compileQuery(schema, parse('{ page { edges { node { id } } } }'));
    if (!isCompiledQuery(query)) throw new Error('not compiled');
    for (let time = 0; time < 2; time += 1) await query.query({}, {}, {});
    expect(asked.map(({ selected }) => selected)).toEqual([['id'], ['id']]);
    expect(asked[1]?.fieldNodes).toBe(asked[0]?.fieldNodes);
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
