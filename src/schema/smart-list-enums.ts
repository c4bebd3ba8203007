import {
  FILTER_KINDS,
  FILTER_OPERATORS,
  FILTER_RULES,
  REQUEST_SOURCES,
  TRIGGER_KINDS,
} from '../domain/model.js';
import { builder } from './builder.js';
import { describedValues } from './enum-values.js';

export const FilterRuleEnum = builder.enumType('FilterRule', {
  description: 'How a smart list combines its filters (triggers are always OR’ed).',
  values: describedValues(FILTER_RULES, {
    ALL: 'Every filter must hold (the default).',
    ANY: 'At least one filter must hold.',
    ADVANCED: 'advancedLogic such as: 1 and (2 or 3)',
  }),
});

export const FilterKindEnum = builder.enumType('FilterKind', {
  description: 'What a filter tests; each kind reads its own input fields.',
  values: describedValues(FILTER_KINDS, {
    ATTRIBUTE: 'A lead field compared by operator with values (attribute, operator, values).',
    MEMBER_OF_SMART_LIST:
      'The lead qualifies for a reusable smart list (smartListId; operator IS or IS_NOT).',
    MEMBER_OF_LIST: 'The lead is on a static list (staticListId; operator IS or IS_NOT).',
    MEMBER_OF_PROGRAM:
      'The lead is a member of a program, optionally with a status (programId, status; operator IS or IS_NOT).',
    HAD_ACTIVITY:
      'The lead has at least activity.minTimes activities matching activity (semantics S5 in docs/semantics.md).',
    NOT_HAD_ACTIVITY:
      'The lead has fewer than activity.minTimes activities matching activity (semantics S5 in docs/semantics.md).',
  }),
});

export const FilterOperatorEnum = builder.enumType('FilterOperator', {
  description:
    'How an ATTRIBUTE filter compares a field with its values (membership filters take IS, the default, and IS_NOT). String comparisons are case-insensitive. Which operators a field takes depends on its type (semantics S2 in docs/semantics.md).',
  values: describedValues(FILTER_OPERATORS, {
    IS: 'Equals one of the values.',
    IS_NOT: 'Equals none of the values, or is empty.',
    CONTAINS: 'STRING: contains one of the values.',
    NOT_CONTAINS: 'STRING: contains none of the values, or is empty.',
    STARTS_WITH: 'STRING: starts with one of the values.',
    IS_EMPTY: 'Has no value (no values given).',
    IS_NOT_EMPTY: 'Has a value (no values given).',
    GREATER_THAN: 'Numbers and date-times: greater than the value.',
    AT_LEAST: 'Numbers and date-times: greater than or equal to the value.',
    LESS_THAN: 'Numbers and date-times: less than the value.',
    AT_MOST: 'Numbers and date-times: less than or equal to the value.',
    BETWEEN: 'Numbers and date-times: between the two values, both included.',
  }),
});

export const TriggerKindEnum = builder.enumType('TriggerKind', {
  description: 'What a trigger listens for (semantics S3 in docs/semantics.md).',
  values: describedValues(TRIGGER_KINDS, {
    CAMPAIGN_IS_REQUESTED:
      'Campaign is Requested: by requestCampaign or a Request Campaign step (source narrows).',
    DATA_VALUE_CHANGES: 'Data Value Changes: a lead field (attribute) changes.',
    SCORE_IS_CHANGED: 'Score is Changed: a SCORE field (attribute; absent: any) changes.',
    ADDED_TO_LIST: 'Added to List: the lead is added to a static list (staticListId).',
    LEAD_IS_CREATED: 'Lead is Created: upsertLeads creates the lead.',
  }),
});

export const RequestSourceEnum = builder.enumType('RequestSource', {
  description: 'Who asked for a Campaign is Requested event.',
  values: describedValues(REQUEST_SOURCES, {
    FLOW_ACTION: 'A Request Campaign flow step.',
    API: 'The requestCampaign mutation.',
  }),
});
