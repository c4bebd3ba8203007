/**
 * Stands in for the `graphql` tag of react-relay: relay-compiler finds documents by the tag's name in
 * TypeScript files (it reads no `.graphql` documents), and these are compiled, never executed.
 */
export function graphql(strings: TemplateStringsArray): string {
  return strings.join('');
}
