import { builder } from './builder.js';
import { FIRST_DESCRIPTION } from './cost.js';
import { PAGE_ARGUMENT_DESCRIPTIONS } from './paging.js';

/** The paging arguments every connection takes (relay cursor connections, both ways). */
export const pageArgs = builder.args((t) => ({
  first: t.int({ required: false, description: FIRST_DESCRIPTION }),
  after: t.string({ required: false, description: PAGE_ARGUMENT_DESCRIPTIONS.after }),
  last: t.int({ required: false, description: PAGE_ARGUMENT_DESCRIPTIONS.last }),
  before: t.string({ required: false, description: PAGE_ARGUMENT_DESCRIPTIONS.before }),
}));
