import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { parseDateTime } from '../domain/values.js';
import { builder } from './builder.js';

/** The form a Date's toISOString prints: what every DateTime is sent as. */
const PRINTED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time, always sent in UTC.',
  // Activity reads get their instants already printed by the database (PrintedInstant): sent as
  // they are, once checked to have the form a Date prints.
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && PRINTED_DATE_TIME.test(value)) return value;
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue: (value) => {
    const iso = typeof value === 'string' ? parseDateTime(value.trim()) : undefined;
    if (iso === undefined) {
      throw new GraphQLError('DateTime must be an ISO-8601 date-time of a real date, years 1 to 9999');
    }
    return new Date(iso);
  },
});

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables');
  }
}

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
