import fc from 'fast-check';
import {
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/app.js';
import {
  createCampaign,
  createProgram,
  createWorkspaceWithKey,
  upsertLeads,
  type WorkspaceWithKey,
} from '../helpers/factories.js';
import { globalIdOf } from '../helpers/global-ids.js';

/** Runs per mutation: enough to reach every argument's odd values, bounded for CI. */
const RUNS = 60;
/** A fixed seed keeps CI repeatable; FUZZ_SEED explores others (a failure prints its seed). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** Tables whose row counts must not move when a mutation is refused. */
const TABLES = [
  'workspace',
  'api_key',
  'folder',
  'program',
  'campaign',
  'smart_list',
  'static_list',
  'static_list_member',
  'lead',
  'lead_field',
  'my_token',
  'campaign_run',
  'campaign_schedule',
  'activity',
];

let t: TestApp;
let acme: WorkspaceWithKey;
/** Ids of real objects, so that arguments reach past the id checks as often as not. */
const known: Record<string, string[]> = {};

beforeAll(async () => {
  t = await startTestApp();
  acme = await createWorkspaceWithKey(t, 'Acme');
  const program = await createProgram(t, acme, 'Fuzzed');
  const campaign = await createCampaign(t, acme, { programId: program, name: 'Target' });
  const [lead] = await upsertLeads(t, acme, [{ email: 'ada@example.com' }]);
  known.Workspace = [acme.id];
  known.Program = [program];
  known.Campaign = [campaign];
  known.Lead = [lead as string];
});
afterAll(() => t.close());

/** Mostly plausible values, so that a request gets past its other arguments; now and then a hostile one. */
const mostly = <T>(plausible: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: plausible, weight: 2 }, { arbitrary: hostile, weight: 1 });

/** Text with what breaks naive code: NUL, lone surrogates, control characters, long runs, names of built-ins. */
const hostileText = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'a\u0000b',
      'a\ud800b',
      'tab\there',
      'constructor',
      '__proto__',
      'a'.repeat(5000),
      '+ 5',
      '99999999999999999999',
      '2027-02-30',
      '2024-13-01',
      'http://127.0.0.1/',
      '{{my.x}}',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
);
const text = mostly(
  fc.oneof(
    fc.constantFrom('Name', 'ada@example.com', 'my.score', '+5', 'score'),
    fc.stringMatching(/^[a-z]{1,8}$/),
  ),
  hostileText,
);

/** Ids of real objects mostly (made once `known` is filled), or ids of nothing, of non-nodes, or not ids. */
const id = () =>
  mostly(
    fc.constantFrom(...Object.values(known).flat()),
    fc.oneof(
      fc.constantFrom('', 'x', globalIdOf('Campaign', '99999999999999999999999'), globalIdOf('ApiKey', '1')),
      fc.constantFrom(globalIdOf('activity', '1'), globalIdOf('Lead', '-1'), globalIdOf('Lead', '0')),
      hostileText,
    ),
  );

const int = mostly(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-2147483648, 2147483647, -1));

const dateTime = mostly(
  fc.constantFrom('2026-12-01T00:00:00Z', '2027-06-01T12:00:00Z'),
  fc.constantFrom('2027-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '99999-01-01T00:00:00Z'),
);

const json = mostly<unknown>(
  fc.constantFrom({}, { score: 1 }, { email: 'x@example.com' }),
  fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(hostileText, hostileText, { maxKeys: 3 })),
);

/** Values of a GraphQL input type, valid in shape (so the request parses) and hostile in content. */
function valuesOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valuesOfNullable(type.ofType, depth);
  return fc.option(valuesOfNullable(type, depth), { nil: null, freq: 4 });
}

/** Values of a type, never null. */
function valuesOfNullable(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  return (() => {
    if (isListType(type)) return fc.array(valuesOf(type.ofType, depth + 1), { maxLength: depth > 2 ? 0 : 3 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((enumValue) => enumValue.name));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      // A @oneOf input takes exactly one of its fields.
      if (type.isOneOf) {
        return fc.oneof(
          ...fields.map((field) =>
            valuesOf(field.type, depth + 1).map((fieldValue) => ({ [field.name]: fieldValue })),
          ),
        );
      }
      return fc.record(
        Object.fromEntries(fields.map((field) => [field.name, valuesOf(field.type, depth + 1)])),
        { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
      );
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'ID':
          return id();
        case 'Int':
          return int;
        case 'Boolean':
          return fc.boolean();
        case 'DateTime':
          return dateTime;
        case 'JSON':
          return json;
        default:
          return text;
      }
    }
    return fc.constant(null);
  })();
}

async function rowCounts(): Promise<Record<string, number>> {
  const connection = t.orm.em.fork().getConnection();
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await connection.execute<{ n: number }[]>(`select count(*)::int as n from ${table}`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

describe('every mutation, fed hostile input', () => {
  it.each(mutations.map((field) => [field.name, field] as const))(
    '%s answers a typed error or a result, never an internal error, and a refusal writes nothing',
    async (name, field) => {
      const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
      const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const selection = isScalarType(getNamedType(field.type)) ? '' : ' { __typename }';
      const document = `mutation${variables ? ` (${variables})` : ''} { ${name}${args ? `(${args})` : ''}${selection} }`;
      const argumentValues = fc.record(
        Object.fromEntries(field.args.map((arg) => [arg.name, valuesOf(arg.type)])),
      );
      await fc.assert(
        fc.asyncProperty(argumentValues, fc.constantFrom(ADMIN_KEY, acme.key), async (values, key) => {
          const before = await rowCounts();
          const response = await t.graphql(document, values, key);
          const codes = (response.errors ?? []).map((error) => error.extensions?.code);
          expect(codes, JSON.stringify(response.errors)).not.toContain('INTERNAL_SERVER_ERROR');
          for (const code of codes) expect(code, JSON.stringify(response.errors)).toBeTypeOf('string');
          if (response.errors?.length) expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
  );
});
