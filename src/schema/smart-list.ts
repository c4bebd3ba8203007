import type { EntityName } from '@mikro-orm/core';
import { deleteSmartList, saveSmartList } from '../commands/campaign-graph.js';
import { Program } from '../db/entities/program.entity.js';
import { SmartList } from '../db/entities/smart-list.entity.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import {
  FILTER_KINDS,
  FILTER_OPERATORS,
  FILTER_RULES,
  type Filter,
  REQUEST_SOURCES,
  type SmartListDefinition,
  TRIGGER_KINDS,
  type Trigger,
} from '../domain/model.js';
import { ActivityCriteriaInputRef, ActivityCriteriaRef, toStoredCriteria } from './activity-criteria.js';
import { builder } from './builder.js';
import { isEvaluable, requestCampaignGraph } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { userError } from './errors.js';
import { LIMITS, listOf, text } from './limits.js';
import { StaticListRef } from './list.js';
import { loadVisible, type Owned, requireInWorkspace, requireNode } from './loading.js';
import { ProgramRef } from './program.js';
import { objectName, requireWorkspace, WorkspaceRef } from './tenancy.js';

export const FilterRuleEnum = builder.enumType('FilterRule', {
  values: describedValues(FILTER_RULES, {
    ALL: 'Every filter must hold (the default).',
    ANY: 'At least one filter must hold.',
    ADVANCED: 'advancedLogic such as: 1 and (2 or 3)',
  }),
});

export const FilterKindEnum = builder.enumType('FilterKind', {
  values: describedValues(FILTER_KINDS, {
    HAD_ACTIVITY:
      'The lead has at least activity.minTimes activities matching activity (semantics S5 in docs/semantics.md).',
    NOT_HAD_ACTIVITY:
      'The lead has fewer than activity.minTimes activities matching activity (semantics S5 in docs/semantics.md).',
  }),
});

export const FilterOperatorEnum = builder.enumType('FilterOperator', {
  description: 'String comparisons are case-insensitive. BETWEEN takes two values, both included.',
  values: FILTER_OPERATORS,
});

const TriggerKindEnum = builder.enumType('TriggerKind', { values: TRIGGER_KINDS });

const RequestSourceEnum = builder.enumType('RequestSource', {
  values: describedValues(REQUEST_SOURCES, {
    FLOW_ACTION: 'A Request Campaign flow step.',
    API: 'The requestCampaign mutation.',
  }),
});

export const SmartListRef = builder.loadableNodeRef('SmartList', {
  id: { resolve: (smartList: SmartList) => smartList.id },
  load: (ids: string[], context) => loadVisible(context, SmartList, ids) as Promise<SmartList[]>,
});

export const SmartListFilterRef = builder.objectRef<Filter & { position: number }>('SmartListFilter');
SmartListFilterRef.implement({
  description: 'One filter of a smart list, or the condition of a flow choice.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based: the number advancedLogic refers to.' }),
    kind: t.field({ type: FilterKindEnum, resolve: (filter) => filter.kind }),
    attribute: t.string({ nullable: true, resolve: (filter) => filter.attribute ?? null }),
    operator: t.field({
      type: FilterOperatorEnum,
      nullable: true,
      resolve: (filter) => filter.operator ?? null,
    }),
    values: t.stringList({ resolve: (filter) => filter.values ?? [] }),
    smartList: t.field({
      type: SmartListRef,
      nullable: true,
      description: 'Null when the referenced smart list was deleted: the filter is then invalid.',
      resolve: (filter) => filter.smartListId ?? null,
    }),
    staticList: t.field({
      type: StaticListRef,
      nullable: true,
      resolve: (filter) => filter.staticListId ?? null,
    }),
    program: t.field({ type: ProgramRef, nullable: true, resolve: (filter) => filter.programId ?? null }),
    status: t.string({ nullable: true, resolve: (filter) => filter.status ?? null }),
    activity: t.field({
      type: ActivityCriteriaRef,
      nullable: true,
      description: 'HAD_ACTIVITY and NOT_HAD_ACTIVITY: which activities count; null for other kinds.',
      resolve: (filter) => filter.activity ?? null,
    }),
  }),
});

const SmartListTriggerRef = builder.objectRef<Trigger>('SmartListTrigger').implement({
  description: 'What starts a trigger campaign for a lead. Triggers are always OR’ed.',
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum, resolve: (trigger) => trigger.kind }),
    attribute: t.string({ nullable: true, resolve: (trigger) => trigger.attribute ?? null }),
    source: t.field({
      type: RequestSourceEnum,
      nullable: true,
      description: 'Campaign is Requested only; null listens to every source.',
      resolve: (trigger) => trigger.source ?? null,
    }),
    staticList: t.field({
      type: StaticListRef,
      nullable: true,
      resolve: (trigger) => trigger.staticListId ?? null,
    }),
  }),
});

/** A definition as shown: `workspaceId` is where its references are resolved to judge it valid. */
export type SmartListDefinitionView = SmartListDefinition & { workspaceId: string };

export const SmartListDefinitionRef = builder.objectRef<SmartListDefinitionView>('SmartListDefinition');
SmartListDefinitionRef.implement({
  description: 'Filters combined by a rule, plus triggers.',
  fields: (t) => ({
    rule: t.field({ type: FilterRuleEnum, resolve: (definition) => definition.rule }),
    advancedLogic: t.string({ nullable: true, resolve: (definition) => definition.advancedLogic ?? null }),
    filters: t.field({
      type: [SmartListFilterRef],
      complexity: COST.filters,
      resolve: (definition) =>
        definition.filters.map((filter, index) => ({ ...filter, position: index + 1 })),
    }),
    triggers: t.field({
      type: [SmartListTriggerRef],
      complexity: COST.triggers,
      resolve: (definition) => definition.triggers,
    }),
    isValid: t.boolean({
      description:
        'False when a filter cannot be evaluated (a deleted smart list, an unknown field...): then nobody qualifies.',
      resolve: async ({ workspaceId, ...definition }, _args, context) =>
        isEvaluable(definition, await requestCampaignGraph(context).load(workspaceId)),
    }),
  }),
});

SmartListRef.implement({
  description: 'A reusable smart list, referenced from other smart lists by MEMBER_OF_SMART_LIST filters.',
  fields: (t) => ({
    name: t.exposeString('name'),
    definition: t.field({
      type: SmartListDefinitionRef,
      resolve: (smartList) => ({ ...smartList.definition, workspaceId: smartList.workspace.id }),
    }),
  }),
});

export const FilterInputRef = builder.inputType('FilterInput', {
  fields: (t) => ({
    kind: t.field({ type: FilterKindEnum }),
    attribute: t.string({
      required: false,
      description: 'ATTRIBUTE: a lead field name, email included.',
      validate: text(LIMITS.name),
    }),
    operator: t.field({ type: FilterOperatorEnum, required: false }),
    values: t.stringList({ required: false, validate: listOf(text(LIMITS.shortText)) }),
    smartListId: t.id({ required: false }),
    staticListId: t.id({ required: false }),
    programId: t.id({ required: false }),
    status: t.string({
      required: false,
      description: 'MEMBER_OF_PROGRAM: only members with this status.',
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
  fields: (t) => ({
    kind: t.field({ type: TriggerKindEnum }),
    attribute: t.string({ required: false, validate: text(LIMITS.name) }),
    source: t.field({ type: RequestSourceEnum, required: false }),
    staticListId: t.id({ required: false }),
  }),
});

export const SmartListInputRef = builder.inputType('SmartListInput', {
  fields: (t) => ({
    rule: t.field({ type: FilterRuleEnum, required: false, defaultValue: 'ALL' }),
    advancedLogic: t.string({ required: false, validate: text(LIMITS.shortText) }),
    filters: t.field({ type: [FilterInputRef] }),
    triggers: t.field({ type: [TriggerInputRef], required: false }),
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
  const stored: Filter = { kind: input.kind };
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

builder.objectFields(WorkspaceRef, (t) => ({
  smartLists: t.field({
    type: [SmartListRef],
    description: 'Reusable smart-list assets (deleted ones excluded).',
    resolve: (workspace, _args, context) =>
      context.em.find(SmartList, { workspace: workspace.id, deletedAt: null }, { orderBy: { id: 'asc' } }),
  }),
}));

async function requireSmartList(context: GraphQLContext, globalId: string): Promise<SmartList> {
  return requireNode(context, SmartList, 'SmartList', globalId);
}

builder.mutationFields((t) => ({
  createSmartList: t.field({
    type: SmartListRef,
    args: {
      workspaceId: t.arg.id(),
      name: t.arg.string({ validate: objectName }),
      definition: t.arg({ type: SmartListInputRef }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const definition = await toStoredSmartList(context, workspace.id, args.definition);
      return saveSmartList(context, { workspace, name: args.name }, definition);
    },
  }),
  updateSmartList: t.field({
    type: SmartListRef,
    args: { id: t.arg.id(), definition: t.arg({ type: SmartListInputRef }) },
    resolve: async (_root, args, context) => {
      const smartList = await requireSmartList(context, args.id);
      const definition = await toStoredSmartList(context, smartList.workspace.id, args.definition);
      return saveSmartList(context, { smartList }, definition);
    },
  }),
  deleteSmartList: t.id({
    description:
      'Smart lists that reference this one become invalid: nobody qualifies for them (semantics E4 in docs/semantics.md).',
    args: { id: t.arg.id() },
    resolve: async (_root, args, context) => {
      const smartList = await requireSmartList(context, args.id);
      await deleteSmartList(context, smartList);
      return args.id;
    },
  }),
}));
