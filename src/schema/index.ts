import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './tenancy.js';
import './program.js';
import './list.js';
import './smart-list.js';
import './campaign.js';
import './flow.js';
import './lead.js';
import './token.js';
import './campaign-mutations.js';
import './simulation.js';
import './run.js';
import './schedule.js';
import './results.js';
import './subscription.js';
import './activity-types.js';
import './activity-connections.js';

/** The executable schema: every concept file registers its types on the builder as it is imported. */
export const schema = builder.toSchema();

/** The SDL committed as schema/schema.graphql: sorted, so that it diffs cleanly. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}
