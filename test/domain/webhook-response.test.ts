import { describe, expect, it } from 'vitest';
import { fieldValueOf, readJsonPath } from '../../src/domain/actions/webhook-response.js';

describe('semantics F12 response paths and values', () => {
  const response = { data: { owner: { email: 'a@example.com' }, '0': 'key' }, items: [{ id: 7 }, { id: 8 }] };

  it('read dotted paths; a whole-number segment indexes an array and is a key on an object', () => {
    expect(readJsonPath(response, 'data.owner.email')).toBe('a@example.com');
    expect(readJsonPath(response, 'items.1.id')).toBe(8);
    expect(readJsonPath(response, 'data.0')).toBe('key');
    expect(readJsonPath(response, 'items.2.id')).toBeUndefined();
    expect(readJsonPath(response, 'items.01.id')).toBeUndefined();
    expect(readJsonPath(response, 'items.length')).toBeUndefined();
    expect(readJsonPath(response, 'data.owner.email.x')).toBeUndefined();
    expect(readJsonPath(response, 'data.constructor')).toBeUndefined();
  });

  it('fit values to the field type: null clears, objects fit nothing, text is read as Change Data Value reads it', () => {
    const integer = { name: 'Item', type: 'INTEGER' } as const;
    expect(fieldValueOf(integer, 42)).toEqual({ value: 42 });
    expect(fieldValueOf(integer, '42')).toEqual({ value: 42 });
    expect(fieldValueOf(integer, 'x')).toEqual({ reason: 'TYPE_MISMATCH' });
    expect(fieldValueOf(integer, 1e12)).toEqual({ reason: 'OUT_OF_RANGE' });
    expect(fieldValueOf(integer, { id: 1 })).toEqual({ reason: 'TYPE_MISMATCH' });
    expect(fieldValueOf(integer, null)).toEqual({ value: null });
    expect(fieldValueOf({ name: 'score', type: 'SCORE' }, null)).toEqual({ value: 0 });
    expect(fieldValueOf({ name: 'Vip', type: 'BOOLEAN' }, true)).toEqual({ value: true });
    expect(fieldValueOf({ name: 'Owner', type: 'STRING' }, 12)).toEqual({ value: '12' });
  });
});
