import { z } from 'zod';

/** Input size limits: an input over one is BAD_USER_INPUT, and nothing is written. */
export const LIMITS = {
  name: 200,
  shortText: 1000,
  longText: 10_000,
  listItems: 100,
} as const;

/** A string of at most `max` characters. */
export const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** A list of at most `max` items, each checked by `item`. */
export const listOf = (item: z.ZodType<string>, max: number = LIMITS.listItems) =>
  z.array(item).max(max, `must have at most ${max} items`);
