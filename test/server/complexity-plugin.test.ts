import SchemaBuilder from '@pothos/core';
import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATION_COMPLEXITY_PLUGIN } from '../../src/schema/complexity-plugin.js';

/** A schema of one priced list, counting how often its price is asked. */
function pricedList() {
  const counted = { prices: 0, mutationPrices: 0 };
  // The project's other plugins declare options of their own in Pothos' global types.
  const builder = new SchemaBuilder<{ Context: object }>({
    plugins: [OPERATION_COMPLEXITY_PLUGIN],
    complexity: { limit: { complexity: 100 } },
  } as never);
  const Item = builder.objectRef<{ name: string }>('Item').implement({
    fields: (t) => ({ name: t.exposeString('name') }),
  });
  builder.queryType({
    fields: (t) => ({
      items: t.field({
        type: [Item],
        args: { first: t.arg.int() },
        complexity: (args) => {
          counted.prices += 1;
          return { field: 1, multiplier: args.first ?? 1 };
        },
        resolve: () => [{ name: 'a' }],
      }),
    }),
  });
  builder.mutationType({
    fields: (t) => ({
      touch: t.string({
        complexity: () => {
          counted.mutationPrices += 1;
          return 1;
        },
        resolve: () => 'ok',
      }),
    }),
  });
  return { schema: builder.toSchema(), counted };
}

describe('operation complexity kept across requests', () => {
  it('prices a query once per set of variables, each request against its own figures', async () => {
    const { schema, counted } = pricedList();
    const document = parse('query ($first: Int) { items(first: $first) { name } }');
    const run = (first: number) =>
      execute({ schema, document, variableValues: { first }, contextValue: {} }) as Promise<{
        errors?: readonly { message: string }[];
      }>;
    expect((await run(2)).errors).toBeUndefined();
    expect((await run(2)).errors).toBeUndefined();
    expect(counted.prices).toBe(1);
    expect((await run(200)).errors?.[0]?.message).toMatch(/complexity/);
    expect((await run(2)).errors).toBeUndefined();
    expect((await run(200)).errors?.[0]?.message).toMatch(/complexity/);
    expect(counted.prices).toBe(2);
  });

  it('prices a mutation on every request', async () => {
    const { schema, counted } = pricedList();
    const document = parse('mutation { touch }');
    for (let sent = 0; sent < 2; sent += 1) {
      expect(await execute({ schema, document, contextValue: {} })).toEqual({ data: { touch: 'ok' } });
    }
    expect(counted.mutationPrices).toBe(2);
  });

  it('hands a price its arguments alone, whatever parameters it declares', async () => {
    const builder = new SchemaBuilder<{ Context: object }>({
      plugins: [OPERATION_COMPLEXITY_PLUGIN],
      complexity: { limit: { complexity: 100 } },
    } as never);
    builder.queryType({
      fields: (t) => ({
        // Pothos would pass the context and the field too: priced 1,000, over the limit.
        items: t.stringList({
          complexity: (...parts: unknown[]) => parts.length * 500 - 499,
          resolve: () => [],
        }),
      }),
    });
    const response = await execute({
      schema: builder.toSchema(),
      document: parse('{ items }'),
      contextValue: {},
    });
    expect(response).toEqual({ data: { items: [] } });
  });

  it('refuses, when the schema is built, a price that would depend on more than the arguments', () => {
    const builder = new SchemaBuilder<{ Context: object }>({
      plugins: [OPERATION_COMPLEXITY_PLUGIN],
    } as never);
    builder.queryType({
      fields: (t) => ({
        items: t.stringList({
          complexity: (_args, context) => (context ? 1 : 2),
          resolve: () => [],
        }),
      }),
    });
    expect(() => builder.toSchema()).toThrow(/arguments only/);
  });
});
