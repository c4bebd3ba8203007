/**
 * A record's own value for a key, never one inherited from Object.prototype: names such as
 * `constructor` or `toString` come from users (field names, ids) and must not read built-ins.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
