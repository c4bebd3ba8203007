import { userError } from './errors.js';

/** Items in a page when neither `first` nor `last` is given. */
export const DEFAULT_PAGE_SIZE = 20;
/** The most `first` or `last` may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Below the largest bigint, so that the bound one past a cursor is still a bigint. */
const LARGEST_CURSOR = 9223372036854775806n;

/** The paging arguments every connection takes (relay cursor connections). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * One keyset read of a connection's rows: those whose id lies strictly between `after` and `before`
 * (either may be absent), ordered by id in `order`, at most `limit` of them. Never an offset: a
 * backward page is the same index read in the other direction.
 */
export interface KeysetRead {
  after?: string;
  before?: string;
  order: 'asc' | 'desc';
  limit: number;
  /** Set on the reads that only ask whether a row lies beyond a cursor: their rows are not shown. */
  probe?: true;
}

/** A connection's page as Pothos' connection objects take it. */
export interface IdPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    startCursor: string | null;
    endCursor: string | null;
    hasPreviousPage: boolean;
    hasNextPage: boolean;
  };
}

/** The descriptions of the cursor and backward arguments, shared by every connection. */
export const PAGE_ARGUMENT_DESCRIPTIONS = {
  after:
    'A cursor (the endCursor of a page read before): only items after it. A cursor that is not one of this list is BAD_USER_INPUT.',
  last: `How many items to take from the end: the last ones before \`before\`, or the newest ones when it is not given; still returned oldest first, like every page. From 0 to ${MAX_PAGE_SIZE}; without \`first\` and \`last\` a page has ${DEFAULT_PAGE_SIZE} items (the last ones before \`before\` when only it is given). Not with \`first\`: both is BAD_USER_INPUT.`,
  before:
    'A cursor (the startCursor of a page read before): only items before it. With `after`, only the items between the two.',
} as const;

/** The descriptions of PageInfo's fields: the flags are exact, whichever arguments were given. */
export const PAGE_INFO_DESCRIPTIONS = {
  type: 'Where a page lies in its list.',
  hasPreviousPage: 'Whether the list holds items before this page, whichever arguments were given.',
  hasNextPage: 'Whether the list holds items after this page, whichever arguments were given.',
  startCursor:
    'The cursor of the first edge; for an empty page, the cursor it was read from (`after` paging forward, `before` paging backward), null when none was given.',
  endCursor:
    'The cursor of the last edge; for an empty page, the cursor it was read from (`after` paging forward, `before` paging backward), null when none was given.',
} as const;

/** The `where` on id of a read, for MikroORM; empty when the read is not bounded. */
export function idWithin(read: KeysetRead): { id?: { $gt?: string; $lt?: string } } {
  if (read.after === undefined && read.before === undefined) return {};
  return {
    id: {
      ...(read.after !== undefined && { $gt: read.after }),
      ...(read.before !== undefined && { $lt: read.before }),
    },
  };
}

/** How many of `rows` (in ascending id order) have an id of at most `id`, by bisection. */
function countUpTo(rows: readonly { id: string }[], id: bigint): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (BigInt((rows[middle] as { id: string }).id) <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The read applied to rows already in memory in ascending id order: its bounds are found by
 * bisection, so a page of a long list costs its own rows rather than the list's.
 */
export function readLoaded<T extends { id: string }>(rows: readonly T[], read: KeysetRead): T[] {
  const start = read.after === undefined ? 0 : countUpTo(rows, BigInt(read.after));
  const end = Math.max(
    start,
    read.before === undefined ? rows.length : countUpTo(rows, BigInt(read.before) - 1n),
  );
  return read.order === 'asc'
    ? rows.slice(start, Math.min(end, start + read.limit))
    : rows.slice(Math.max(start, end - read.limit), end).reverse();
}

function checkSize(name: 'first' | 'last', size: number | null | undefined): void {
  if (size != null && (size < 0 || size > MAX_PAGE_SIZE)) {
    throw userError('BAD_USER_INPUT', `${name} must be from 0 to ${MAX_PAGE_SIZE}`);
  }
}

function cursorOf(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  if (!/^[0-9]{1,19}$/.test(cursor) || BigInt(cursor) > LARGEST_CURSOR) {
    throw userError('BAD_USER_INPUT', `${cursor} is not a cursor of this list`);
  }
  return String(BigInt(cursor));
}

/**
 * A page of a list ordered by id, oldest first; the cursor is the row's id, so it is stable.
 * `first` pages forward from `after`, `last` backward from `before` (semantics P1–P4 in
 * docs/semantics.md); the flags are exact: they say whether the whole list holds items before the
 * page and after it, reading one more row in the page's direction and, when the other side is
 * bounded by a cursor, one row beyond that cursor.
 */
export async function idCursorPage<T extends { id: string }>(
  args: PageArgs,
  read: (page: KeysetRead) => Promise<T[]>,
): Promise<IdPage<T>> {
  checkSize('first', args.first);
  checkSize('last', args.last);
  if (args.first != null && args.last != null) {
    throw userError(
      'BAD_USER_INPUT',
      'first and last may not be given together: first pages forward from after, last backward from before',
    );
  }
  const after = cursorOf(args.after);
  const before = cursorOf(args.before);
  const backward = args.last != null || (before !== undefined && args.first == null);
  const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  const rows = await read({ after, before, order: backward ? 'desc' : 'asc', limit: size + 1 });
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backward) nodes.reverse();
  const exists = async (bound: KeysetRead) => (await read(bound)).length > 0;
  const rowsUpToAfter = () =>
    after !== undefined &&
    exists({ before: String(BigInt(after) + 1n), order: 'desc', limit: 1, probe: true });
  const rowsFromBefore = () =>
    before !== undefined &&
    exists({ after: String(BigInt(before) - 1n), order: 'asc', limit: 1, probe: true });
  const edges = nodes.map((node) => ({ cursor: node.id, node }));
  // An empty page keeps the cursor it was read from: a client polling the end of a feed keeps its place.
  const here = (backward ? before : after) ?? null;
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? here,
      endCursor: edges.at(-1)?.cursor ?? here,
      hasPreviousPage: (backward && more) || (await rowsUpToAfter()),
      hasNextPage: (!backward && more) || (await rowsFromBefore()),
    },
  };
}
