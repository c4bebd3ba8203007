import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Lead } from './lead.entity.js';
import { Program } from './program.entity.js';
import { updatedAt } from './workspace.entity.js';

/** A lead's membership of a program, with its status in the program's progression. */
export const ProgramMember = defineEntity({
  name: 'ProgramMember',
  properties: {
    program: () => p.manyToOne(Program).primary().deleteRule('cascade'),
    lead: () => p.manyToOne(Lead).primary().index().deleteRule('cascade'),
    status: p.text(),
    updatedAt: updatedAt(),
  },
});
export type ProgramMember = InferEntity<typeof ProgramMember>;
