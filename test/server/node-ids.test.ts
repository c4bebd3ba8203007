import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
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
