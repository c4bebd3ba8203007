import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** The fields of a selection set, those of its fragments included, whatever their type condition. */
function fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    const fragment = fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}

/** What `selectedFields` found, by the field nodes it was asked about and the path below them. */
const selections = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields the operation selects at `path` below the resolving field (e.g. `edges`,
 * `node` for a connection's items), on any of their types. Directives are not evaluated: a field
 * that @skip or @include may leave out counts as selected, so this tells what may be asked for.
 * A compiled query passes the same field nodes on every execution: their answer is kept with them.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  let byPath = selections.get(info.fieldNodes);
  if (!byPath) {
    byPath = new Map();
    selections.set(info.fieldNodes, byPath);
  }
  const key = path.join('.');
  let selected = byPath.get(key);
  if (!selected) {
    selected = selectedAt(info, path);
    byPath.set(key, selected);
  }
  return selected;
}

function selectedAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    sets = sets.flatMap((set) =>
      fieldsOf(set, info.fragments).flatMap((field) =>
        field.name.value === name && field.selectionSet ? [field.selectionSet] : [],
      ),
    );
  }
  return new Set(sets.flatMap((set) => fieldsOf(set, info.fragments).map((field) => field.name.value)));
}
