import { deleteSmartList, saveSmartList } from '../commands/campaign-graph.js';
import { SmartList } from '../db/entities/smart-list.entity.js';
import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import type { Filter, SmartListDefinition, Trigger } from '../domain/model.js';
import { ActivityCriteriaRef } from './activity-criteria.js';
import { builder } from './builder.js';
import { fromWorkspace } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { StaticListRef } from './list.js';
import { loadVisible, requireNode } from './loading.js';
import { ProgramRef } from './program.js';
import {
  FilterKindEnum,
  FilterOperatorEnum,
  FilterRuleEnum,
  RequestSourceEnum,
  TriggerKindEnum,
} from './smart-list-enums.js';
import { SmartListInputRef, toStoredSmartList } from './smart-list-input.js';
import { objectName, requireWorkspace, WorkspaceRef } from './tenancy.js';

export const SmartListRef = builder.loadableNodeRef('SmartList', {
  id: { resolve: (smartList: SmartList) => smartList.id },
  load: (ids: string[], context) => loadVisible(context, SmartList, ids) as Promise<SmartList[]>,
});

export const SmartListFilterRef = builder.objectRef<Filter & { position: number }>('SmartListFilter');
SmartListFilterRef.implement({
  description: 'One filter of a smart list, or the condition of a flow choice.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based: the number advancedLogic refers to.' }),
    kind: t.field({ type: FilterKindEnum, description: 'What it tests.', resolve: (filter) => filter.kind }),
    attribute: t.string({
      nullable: true,
      description: 'ATTRIBUTE: the lead field; null for other kinds.',
      resolve: (filter) => filter.attribute ?? null,
    }),
    operator: t.field({
      type: FilterOperatorEnum,
      nullable: true,
      description: 'The comparison; null means IS.',
      resolve: (filter) => filter.operator ?? null,
    }),
    values: t.stringList({
      description: 'ATTRIBUTE: the values compared with, as text; empty for other kinds.',
      resolve: (filter) => filter.values ?? [],
    }),
    smartList: t.field({
      type: SmartListRef,
      nullable: true,
      description: 'Null when the referenced smart list was deleted: the filter is then invalid.',
      resolve: (filter) => filter.smartListId ?? null,
    }),
    staticList: t.field({
      type: StaticListRef,
      nullable: true,
      description: 'MEMBER_OF_LIST: the static list; null for other kinds.',
      resolve: (filter) => filter.staticListId ?? null,
    }),
    program: t.field({
      type: ProgramRef,
      nullable: true,
      description: 'MEMBER_OF_PROGRAM: the program; null for other kinds.',
      resolve: (filter) => filter.programId ?? null,
    }),
    status: t.string({
      nullable: true,
      description: 'MEMBER_OF_PROGRAM: only members with this status; null: any status.',
      resolve: (filter) => filter.status ?? null,
    }),
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
    kind: t.field({
      type: TriggerKindEnum,
      description: 'What it listens for.',
      resolve: (trigger) => trigger.kind,
    }),
    attribute: t.string({
      nullable: true,
      description:
        'DATA_VALUE_CHANGES and SCORE_IS_CHANGED: the field (any case); null listens to every field.',
      resolve: (trigger) => trigger.attribute ?? null,
    }),
    source: t.field({
      type: RequestSourceEnum,
      nullable: true,
      description: 'Campaign is Requested only; null listens to every source.',
      resolve: (trigger) => trigger.source ?? null,
    }),
    staticList: t.field({
      type: StaticListRef,
      nullable: true,
      description: 'ADDED_TO_LIST: the static list; null for other kinds.',
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
    rule: t.field({
      type: FilterRuleEnum,
      description: 'How the filters combine.',
      resolve: (definition) => definition.rule,
    }),
    advancedLogic: t.string({
      nullable: true,
      description:
        'ADVANCED: the formula over filter positions, e.g. 1 and (2 or not 3); null for other rules.',
      resolve: (definition) => definition.advancedLogic ?? null,
    }),
    filters: t.field({
      type: [SmartListFilterRef],
      complexity: COST.filters,
      description: `The filters in order, numbered by position (at most ${DEFINITION_LIMITS.filters}).`,
      resolve: (definition) =>
        definition.filters.map((filter, index) => ({ ...filter, position: index + 1 })),
    }),
    triggers: t.field({
      type: [SmartListTriggerRef],
      complexity: COST.triggers,
      description: `The triggers (at most ${DEFINITION_LIMITS.triggers}); any one firing starts a run. Empty for a batch campaign.`,
      resolve: (definition) => definition.triggers,
    }),
    isValid: t.boolean({
      description:
        'False when a filter cannot be evaluated (a deleted smart list, an unknown field...): then nobody qualifies.',
      resolve: ({ workspaceId, ...definition }, _args, context) =>
        fromWorkspace(context, workspaceId, (snapshot) => snapshot.isEvaluable(definition)),
    }),
  }),
});

SmartListRef.implement({
  description: 'A reusable smart list, referenced from other smart lists by MEMBER_OF_SMART_LIST filters.',
  fields: (t) => ({
    name: t.exposeString('name', { description: '1 to 200 characters.' }),
    definition: t.field({
      type: SmartListDefinitionRef,
      description: 'Its filters and rule.',
      resolve: (smartList) => ({ ...smartList.definition, workspaceId: smartList.workspace.id }),
    }),
  }),
});

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
    description:
      'A new reusable smart list. A definition that cannot be evaluated (an unknown field, a reference to nothing, a cycle) is INVALID_SMART_LIST.',
    args: {
      workspaceId: t.arg.id({ description: 'The workspace to create it in.' }),
      name: t.arg.string({ description: 'Trimmed; 1 to 200 characters.', validate: objectName }),
      definition: t.arg({ type: SmartListInputRef, description: 'Its filters and rule.' }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const definition = await toStoredSmartList(context, workspace.id, args.definition);
      return saveSmartList(context, { workspace, name: args.name }, definition);
    },
  }),
  updateSmartList: t.field({
    type: SmartListRef,
    description:
      'Replaces a smart list’s definition; the campaigns that reference it qualify by the new one from now on.',
    args: {
      id: t.arg.id({ description: 'The smart list’s global id.' }),
      definition: t.arg({ type: SmartListInputRef, description: 'The new definition, whole.' }),
    },
    resolve: async (_root, args, context) => {
      const smartList = await requireSmartList(context, args.id);
      const definition = await toStoredSmartList(context, smartList.workspace.id, args.definition);
      return saveSmartList(context, { smartList }, definition);
    },
  }),
  deleteSmartList: t.id({
    description:
      'Deletes a smart list and returns its id. Smart lists that reference this one become invalid: nobody qualifies for them (semantics E4 in docs/semantics.md).',
    args: { id: t.arg.id({ description: 'The smart list’s global id.' }) },
    resolve: async (_root, args, context) => {
      const smartList = await requireSmartList(context, args.id);
      await deleteSmartList(context, smartList);
      return args.id;
    },
  }),
}));
