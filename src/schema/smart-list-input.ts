import type { EntityName } from '@mikro-orm/core';
import { Program } from '../db/entities/program.entity.js';
import { SmartList } from '../db/entities/smart-list.entity.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import type { Filter, SmartListDefinition, Trigger } from '../domain/model.js';
import { ActivityCriteriaInputRef, toStoredCriteria } from './activity-criteria.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { userError } from './errors.js';
import { LIMITS, listOf, text } from './limits.js';
import { type Owned, requireInWorkspace } from './loading.js';
import {
  FilterKindEnum,
  FilterOperatorEnum,
  FilterRuleEnum,
  RequestSourceEnum,
  TriggerKindEnum,
} from './smart-list-enums.js';

export const FilterInputRef = builder.inputType('FilterInput', {
  description:
    'A filter: kind says which other fields it needs; a missing one, or a reference to nothing in the workspace, is INVALID_SMART_LIST.',
  fields: (t) => ({
    kind: t.field({ type: FilterKindEnum, description: 'What it tests.' }),
    attribute: t.string({
      required: false,
      description: `ATTRIBUTE (required): a lead field name, email included; at most ${LIMITS.name} characters.`,
      validate: text(LIMITS.name),
    }),
    operator: t.field({
      type: FilterOperatorEnum,
      required: false,
      description: 'ATTRIBUTE: required. Membership kinds: IS (the default) or IS_NOT.',
    }),
    values: t.stringList({
      required: false,
      description: `ATTRIBUTE: the values compared with, as text of the field’s type; at most ${LIMITS.listItems}, each at most ${LIMITS.shortText} characters; absent: none.`,
      validate: listOf(text(LIMITS.shortText)),
    }),
    smartListId: t.id({ required: false, description: 'MEMBER_OF_SMART_LIST: the smart list.' }),
    staticListId: t.id({ required: false, description: 'MEMBER_OF_LIST: the static list.' }),
    programId: t.id({ required: false, description: 'MEMBER_OF_PROGRAM: the program.' }),
    status: t.string({
      required: false,
      description:
        'MEMBER_OF_PROGRAM: only members with this status, one of the program’s; absent: any status.',
      validate: text(LIMITS.name),
    }),
    activity: t.field({
      type: ActivityCriteriaInputRef,
      required: false,
      description: 'HAD_ACTIVITY and NOT_HAD_ACTIVITY (required there): which activities count.',
    }),
  }),
});

const TriggerInputRef = builder.inputType('TriggerInput', {
  description: 'A trigger: kind says which qualifier it takes; an absent qualifier matches anything.',
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum, description: 'What it listens for.' }),
    attribute: t.string({
      required: false,
      description: `DATA_VALUE_CHANGES (required) and SCORE_IS_CHANGED: the field, at most ${LIMITS.name} characters.`,
      validate: text(LIMITS.name),
    }),
    source: t.field({
      type: RequestSourceEnum,
      required: false,
      description: 'CAMPAIGN_IS_REQUESTED: only this source; absent: every source.',
    }),
    staticListId: t.id({ required: false, description: 'ADDED_TO_LIST (required): the static list.' }),
  }),
});

export const SmartListInputRef = builder.inputType('SmartListInput', {
  description: 'A smart list’s whole definition.',
  fields: (t) => ({
    rule: t.field({
      type: FilterRuleEnum,
      required: false,
      defaultValue: 'ALL',
      description: 'How the filters combine.',
    }),
    advancedLogic: t.string({
      required: false,
      description: `ADVANCED (required): e.g. 1 and (2 or not 3), numbers being filter positions; at most ${LIMITS.shortText} characters; ignored for other rules.`,
      validate: text(LIMITS.shortText),
    }),
    filters: t.field({
      type: [FilterInputRef],
      description: `The filters in order, at most ${DEFINITION_LIMITS.filters} (BAD_USER_INPUT beyond).`,
    }),
    triggers: t.field({
      type: [TriggerInputRef],
      required: false,
      description: `At most ${DEFINITION_LIMITS.triggers} (BAD_USER_INPUT beyond); any makes the campaign a TRIGGER campaign; absent: none.`,
    }),
  }),
});

type FilterInput = typeof FilterInputRef.$inferInput;
type SmartListInput = typeof SmartListInputRef.$inferInput;

const invalid = (message: string) => userError('INVALID_SMART_LIST', message);

async function referencedId<T extends Owned>(
  context: GraphQLContext,
  entity: EntityName<T>,
  typename: string,
  globalId: string,
  workspaceId: string,
): Promise<string> {
  return (await requireInWorkspace(context, entity, { typename, globalId, workspaceId }, invalid)).id;
}

/** Checks a filter's references and shape, and turns its global ids into database ids. */
export async function toStoredFilter(
  context: GraphQLContext,
  workspaceId: string,
  input: FilterInput,
  where: string,
): Promise<Filter> {
  // A membership filter keeps the operator it was given (IS or IS_NOT; the domain judges any other).
  const stored: Filter = { kind: input.kind, ...(input.operator && { operator: input.operator }) };
  switch (input.kind) {
    case 'ATTRIBUTE':
      if (!input.attribute?.trim() || !input.operator)
        throw invalid(`${where}: ATTRIBUTE needs an attribute and an operator`);
      return {
        ...stored,
        attribute: input.attribute.trim(),
        operator: input.operator,
        values: input.values ?? [],
      };
    case 'MEMBER_OF_SMART_LIST':
      if (!input.smartListId) throw invalid(`${where}: MEMBER_OF_SMART_LIST needs a smartListId`);
      return {
        ...stored,
        smartListId: await referencedId(context, SmartList, 'SmartList', input.smartListId, workspaceId),
      };
    case 'MEMBER_OF_LIST':
      if (!input.staticListId) throw invalid(`${where}: MEMBER_OF_LIST needs a staticListId`);
      return {
        ...stored,
        staticListId: await referencedId(context, StaticList, 'StaticList', input.staticListId, workspaceId),
      };
    case 'MEMBER_OF_PROGRAM': {
      if (!input.programId) throw invalid(`${where}: MEMBER_OF_PROGRAM needs a programId`);
      const program = await requireInWorkspace(
        context,
        Program,
        { typename: 'Program', globalId: input.programId, workspaceId },
        invalid,
      );
      if (input.status && !program.statuses.includes(input.status)) {
        throw invalid(`${where}: "${input.status}" is not a status of program ${program.name}`);
      }
      return { ...stored, programId: program.id, status: input.status ?? null };
    }
    case 'HAD_ACTIVITY':
    case 'NOT_HAD_ACTIVITY':
      if (!input.activity) throw invalid(`${where}: ${input.kind} needs activity criteria`);
      return {
        ...stored,
        activity: await toStoredCriteria(context, workspaceId, input.activity, { invalid, where }),
      };
  }
}

/** Checks a smart-list definition's references and shape, and turns it into its stored form. */
export async function toStoredSmartList(
  context: GraphQLContext,
  workspaceId: string,
  input: SmartListInput,
): Promise<SmartListDefinition> {
  const { filters: maxFilters, triggers: maxTriggers } = DEFINITION_LIMITS;
  if (input.filters.length > maxFilters) throw userError('BAD_USER_INPUT', `At most ${maxFilters} filters`);
  const triggers = input.triggers ?? [];
  if (triggers.length > maxTriggers) throw userError('BAD_USER_INPUT', `At most ${maxTriggers} triggers`);
  const rule = input.rule ?? 'ALL';
  if (rule === 'ADVANCED' && !input.advancedLogic?.trim())
    throw invalid('The ADVANCED rule needs advancedLogic');
  const filters: Filter[] = [];
  for (const [index, filter] of input.filters.entries()) {
    filters.push(await toStoredFilter(context, workspaceId, filter, `filter ${index + 1}`));
  }
  const storedTriggers: Trigger[] = [];
  for (const [index, trigger] of triggers.entries()) {
    const where = `trigger ${index + 1}`;
    if (trigger.kind === 'DATA_VALUE_CHANGES' && !trigger.attribute?.trim()) {
      throw invalid(`${where}: DATA_VALUE_CHANGES needs an attribute`);
    }
    if (trigger.kind === 'ADDED_TO_LIST' && !trigger.staticListId)
      throw invalid(`${where}: ADDED_TO_LIST needs a staticListId`);
    storedTriggers.push({
      kind: trigger.kind,
      attribute: trigger.attribute?.trim() || null,
      source: trigger.source ?? null,
      staticListId: trigger.staticListId
        ? await referencedId(context, StaticList, 'StaticList', trigger.staticListId, workspaceId)
        : null,
    });
  }
  return {
    rule,
    advancedLogic: rule === 'ADVANCED' ? (input.advancedLogic?.trim() ?? null) : null,
    filters,
    triggers: storedTriggers,
  };
}
