import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import { MAX_TOKENS_PER_CALL } from '../domain/tokens.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';

/**
 * What a query may cost, priced from its shape before it runs: every field costs 1, and a list's
 * selection counts once per item it may hold (see COST).
 */
export const QUERY_LIMITS = { complexity: 1_500_000, depth: 12, breadth: 200 };

/** A connection's page is a database round trip of its own, priced as this many fields. */
export const PAGE_READ_COST = 1000;

/** A plain list the domain does not bound (programs, folders, executes...) is priced at this many items. */
export const UNBOUNDED_LIST_ITEMS = 10;

const list = (items: number) => ({ field: 1, multiplier: items });

/**
 * How each list of the schema is priced; the stated sentence goes into the Query type's description.
 * A price depends on the field's arguments only: an operation's figures are kept across requests
 * (complexity-plugin.ts).
 */
export const COST = {
  /** A connection: its page read, then its selection once per requested item. */
  page: (args: { first?: number | null; last?: number | null }) => ({
    field: 1 + PAGE_READ_COST,
    multiplier: Math.max(0, args.first ?? args.last ?? DEFAULT_PAGE_SIZE),
  }),
  /** A campaign's results: one aggregate over the counters of its runs, a round trip like a page read. */
  campaignResults: { field: 1 + PAGE_READ_COST, multiplier: 1 },
  flowSteps: list(DEFINITION_LIMITS.flowSteps),
  // A flow's choices are bounded in all, so each step's share is what that bound leaves per step.
  choices: list(Math.ceil(DEFINITION_LIMITS.flowChoices / DEFINITION_LIMITS.flowSteps)),
  removedCampaigns: list(Math.ceil(DEFINITION_LIMITS.removedCampaigns / DEFINITION_LIMITS.flowSteps)),
  filters: list(DEFINITION_LIMITS.filters),
  triggers: list(DEFINITION_LIMITS.triggers),
  tokens: list(MAX_TOKENS_PER_CALL),
} as const;

/** The limits and how they are measured, in words, for the schema's descriptions. */
export const COST_DESCRIPTION = `A query is refused with BAD_USER_INPUT when its cost is over ${QUERY_LIMITS.complexity.toLocaleString('en')}, its depth over ${QUERY_LIMITS.depth} or its breadth over ${QUERY_LIMITS.breadth} fields. Its cost, priced from its shape before it runs: every field costs 1; a connection costs ${PAGE_READ_COST.toLocaleString('en')} for its page read, and its selection counts once per requested item (first or last: ${DEFAULT_PAGE_SIZE} when both are absent, at most ${MAX_PAGE_SIZE}); a campaign's results cost ${PAGE_READ_COST.toLocaleString('en')} for their aggregate; a flow's steps count ${DEFINITION_LIMITS.flowSteps} times, its choices and removed campaigns once per step (a flow holds at most ${DEFINITION_LIMITS.flowChoices} choices and names at most ${DEFINITION_LIMITS.removedCampaigns} removed campaigns in all), a smart list's filters ${DEFINITION_LIMITS.filters} times and triggers ${DEFINITION_LIMITS.triggers} times, tokens ${MAX_TOKENS_PER_CALL} times (effective tokens as many as one owner holds), any other list ${UNBOUNDED_LIST_ITEMS} times.`;

/** The description of a connection's `first` argument. */
export const FIRST_DESCRIPTION = `Page size: ${DEFAULT_PAGE_SIZE} when absent, at most ${MAX_PAGE_SIZE}. The query's cost counts the selection once per requested item.`;
