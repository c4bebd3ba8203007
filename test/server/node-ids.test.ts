import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { globalId, isDatabaseId } from '../../src/schema/ids.js';
import { schema } from '../../src/schema/index.js';

describe('node id fields', () => {
  it.each(['Campaign', 'Program', 'Folder'])(
    'of %s answer the global id at once, not a promise the executor must await',
    (typeName) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const id = type.getFields().id?.resolve?.({ id: '7' }, {}, {}, {} as GraphQLResolveInfo);
      expect(id).toBe(encodeGlobalID(typeName, '7'));
    },
  );
});

describe('global ids kept once encoded', () => {
  it('are the relay encoding, for each type apart, before and after the kept ones are let go', () => {
    for (let round = 0; round < 2; round += 1) {
      for (let id = 1; id <= 25_000; id += 1) {
        for (const typename of ['Lead', 'Campaign']) {
          expect(globalId(typename, String(id))).toBe(encodeGlobalID(typename, String(id)));
        }
      }
    }
    expect(globalId('Lead', '9223372036854775807')).toBe(encodeGlobalID('Lead', '9223372036854775807'));
  });
});

describe('database ids', () => {
  it('are positive whole numbers within PostgreSQL’s bigint, written without a sign or leading zero', () => {
    const valid = ['1', '42', '999999999999999999', '1000000000000000000', '9223372036854775807'];
    const invalid = [
      '',
      '0',
      '07',
      '-1',
      '+1',
      '1.5',
      '1e3',
      ' 1',
      'abc',
      '9223372036854775808',
      '99999999999999999999',
    ];
    expect(valid.filter(isDatabaseId)).toEqual(valid);
    expect(invalid.filter(isDatabaseId)).toEqual([]);
  });
});
