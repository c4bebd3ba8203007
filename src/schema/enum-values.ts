/**
 * A Pothos enum's values from the domain's list, in its order, with the schema's descriptions:
 * the list stays the domain's, the words the schema's. Every value needs one: a value the domain
 * adds does not type-check until the schema describes it.
 */
export function describedValues<const T extends string>(
  values: readonly T[],
  descriptions: Record<T, string>,
): Record<T, { description: string }> {
  return Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<
    T,
    { description: string }
  >;
}
