import { describe, expect, it } from 'vitest';
import { type KeysetRead, readLoaded } from '../../src/schema/paging.js';

/** The read as its definition says it: every row between the bounds, in the read's order, at most `limit`. */
function byDefinition(rows: { id: string }[], read: KeysetRead) {
  const within = rows.filter(
    ({ id }) =>
      (read.after === undefined || BigInt(id) > BigInt(read.after)) &&
      (read.before === undefined || BigInt(id) < BigInt(read.before)),
  );
  return (read.order === 'asc' ? within : within.reverse()).slice(0, read.limit);
}

// Ids of different lengths, in numeric (not text) order, with gaps.
const rows = ['1', '2', '5', '9', '10', '11', '99', '100', '1000', '9223372036854775806'].map((id) => ({
  id,
}));
const bounds = [undefined, '0', '1', '3', '5', '9', '10', '12', '100', '999', '1000', '9223372036854775806'];

describe('readLoaded', () => {
  it('reads between any two bounds, in either order, as the definition does', () => {
    for (const after of bounds) {
      for (const before of bounds) {
        for (const order of ['asc', 'desc'] as const) {
          for (const limit of [0, 1, 2, 3, 20]) {
            const read = { after, before, order, limit };
            expect(readLoaded(rows, read), JSON.stringify(read)).toEqual(byDefinition(rows, read));
          }
        }
      }
    }
  });

  it('reads nothing from an empty list', () => {
    expect(readLoaded([], { after: '5', order: 'desc', limit: 3 })).toEqual([]);
  });
});
