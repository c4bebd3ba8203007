/**
 * A Pothos enum's values from the domain's list, in its order, with the schema's descriptions:
 * the list stays the domain's, the words the schema's.
 */
export function describedValues<const T extends string>(
  values: readonly T[],
  descriptions: Partial<Record<T, string>>,
): Record<T, { description?: string }> {
  return Object.fromEntries(
    values.map((value) => {
      const description = descriptions[value];
      return [value, description === undefined ? {} : { description }];
    }),
  ) as Record<T, { description?: string }>;
}
