import { countActivities, describeCriteria, resolveCriteria } from './activity-history.js';
import { evaluateLogic, parseAdvancedLogic } from './advanced-logic.js';
import {
  type FieldDefinition,
  type FieldIndex,
  formatValue,
  type LeadState,
  readField,
} from './lead-state.js';
import type { FieldType, Filter, FilterOperator, SmartListDefinition } from './model.js';
import { ownValue } from './own.js';
import { withArticle } from './text.js';
import { type Comparable, comparable, parseFieldInput } from './values.js';

/** A filter ready to run: a fast test, and an explanation for simulations. */
export interface CompiledFilter {
  readonly valid: true;
  test(lead: LeadState): boolean;
  explain(lead: LeadState): { passed: boolean; detail: string };
}

/** A filter that cannot be evaluated, and why. */
export interface InvalidFilter {
  readonly valid: false;
  readonly reason: string;
}

/** A filter after compilation. */
export type FilterCompilation = CompiledFilter | InvalidFilter;

/** A smart list after compilation: an invalid one keeps its filters so that it can still explain them. */
export type CompiledSmartList =
  | { readonly valid: true; readonly filters: readonly CompiledFilter[]; matches(lead: LeadState): boolean }
  | { readonly valid: false; readonly reason: string; readonly filters: readonly FilterCompilation[] };

/** A MEMBER_OF_SMART_LIST target as the compiler sees it: compiled, or why it cannot be used. */
export type ReferencedSmartList =
  | { readonly ok: true; readonly name: string; readonly list: CompiledSmartList }
  | { readonly ok: false; readonly reason: string };

/** What compiling filters needs from the graph. */
export interface SmartListEnvironment {
  readonly fields: FieldIndex;
  referencedSmartList(id: string): ReferencedSmartList;
  /** A campaign's name, for explanations that must not show database ids. */
  campaignName(id: string): string | undefined;
}

type Predicate = (value: Comparable | null) => boolean;

const STRING_OPERATORS: readonly FilterOperator[] = [
  'IS',
  'IS_NOT',
  'CONTAINS',
  'NOT_CONTAINS',
  'STARTS_WITH',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
];
const ORDERED_OPERATORS: readonly FilterOperator[] = [
  'IS',
  'IS_NOT',
  'GREATER_THAN',
  'AT_LEAST',
  'LESS_THAN',
  'AT_MOST',
  'BETWEEN',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
];

/** Which operators apply to which field type (semantics S2). */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly FilterOperator[]>> = {
  STRING: STRING_OPERATORS,
  INTEGER: ORDERED_OPERATORS,
  FLOAT: ORDERED_OPERATORS,
  SCORE: ORDERED_OPERATORS,
  DATETIME: ORDERED_OPERATORS,
  BOOLEAN: ['IS', 'IS_NOT', 'IS_EMPTY', 'IS_NOT_EMPTY'],
};

function invalid(reason: string): InvalidFilter {
  return { valid: false, reason };
}

/** How many values an operator takes: [min, max]. */
function arity(operator: FilterOperator, type: FieldType): readonly [number, number] {
  if (operator === 'IS_EMPTY' || operator === 'IS_NOT_EMPTY') return [0, 0];
  if (operator === 'BETWEEN') return [2, 2];
  if (operator === 'IS' || operator === 'IS_NOT') return type === 'BOOLEAN' ? [1, 1] : [1, Infinity];
  return ['CONTAINS', 'NOT_CONTAINS', 'STARTS_WITH'].includes(operator) ? [1, Infinity] : [1, 1];
}

function predicateFor(operator: FilterOperator, operands: readonly Comparable[]): Predicate {
  const [first = 0, second = 0] = operands;
  const texts = operands as readonly string[];
  switch (operator) {
    case 'IS':
      return (value) => value !== null && operands.includes(value);
    case 'IS_NOT':
      return (value) => value === null || !operands.includes(value);
    case 'CONTAINS':
      return (value) => value !== null && texts.some((text) => (value as string).includes(text));
    case 'NOT_CONTAINS':
      return (value) => value === null || !texts.some((text) => (value as string).includes(text));
    case 'STARTS_WITH':
      return (value) => value !== null && texts.some((text) => (value as string).startsWith(text));
    case 'IS_EMPTY':
      return (value) => value === null;
    case 'IS_NOT_EMPTY':
      return (value) => value !== null;
    case 'GREATER_THAN':
      return (value) => value !== null && value > first;
    case 'AT_LEAST':
      return (value) => value !== null && value >= first;
    case 'LESS_THAN':
      return (value) => value !== null && value < first;
    case 'AT_MOST':
      return (value) => value !== null && value <= first;
    case 'BETWEEN': {
      const [low, high] = first <= second ? [first, second] : [second, first];
      return (value) => value !== null && value >= low && value <= high;
    }
  }
}

function parseOperands(field: FieldDefinition, values: readonly string[]): Comparable[] | string {
  const operands: Comparable[] = [];
  for (const raw of values) {
    const operand = comparable(field.type, parseFieldInput(field.type, raw) ?? null);
    if (operand === null) return `"${raw}" is not ${withArticle(field.type)} value for field "${field.name}"`;
    operands.push(operand);
  }
  return operands;
}

function attributeOperatorProblem(
  field: FieldDefinition,
  operator: FilterOperator,
  count: number,
): string | null {
  if (!OPERATORS_BY_TYPE[field.type].includes(operator)) {
    return `operator ${operator} does not apply to ${field.type} field "${field.name}"`;
  }
  const [min, max] = arity(operator, field.type);
  if (count < min || count > max) {
    const expected = min === max ? `${min}` : `at least ${min}`;
    return `operator ${operator} takes ${expected} value(s), got ${count}`;
  }
  return null;
}

function compileAttribute(filter: Filter, fields: FieldIndex): FilterCompilation {
  const field = filter.attribute ? fields.get(filter.attribute.toLowerCase()) : undefined;
  if (!field) return invalid(`unknown field "${filter.attribute ?? ''}"`);
  const operator = filter.operator;
  if (!operator) return invalid(`the filter on "${field.name}" has no operator`);
  const values = filter.values ?? [];
  const problem = attributeOperatorProblem(field, operator, values.length);
  if (problem) return invalid(problem);
  const operands = parseOperands(field, values);
  if (typeof operands === 'string') return invalid(operands);
  const holds = predicateFor(operator, operands);
  const expectation = values.length > 0 ? `${operator} ${values.join(', ')}` : operator;
  const test = (lead: LeadState) => holds(comparable(field.type, readField(lead, field)));
  return {
    valid: true,
    test,
    explain: (lead) => {
      const shown = formatValue(readField(lead, field));
      return { passed: test(lead), detail: `${field.name} is "${shown}"; expected ${expectation}` };
    },
  };
}

/** Membership filters take IS (the default) or IS_NOT; `null` when the operator is not one of those. */
function membershipPolarity(filter: Filter): boolean | null {
  if (!filter.operator || filter.operator === 'IS') return true;
  return filter.operator === 'IS_NOT' ? false : null;
}

function membershipFilter(
  wanted: boolean,
  isMember: (lead: LeadState) => boolean,
  describe: (member: boolean) => string,
): CompiledFilter {
  const test = (lead: LeadState) => isMember(lead) === wanted;
  return {
    valid: true,
    test,
    explain: (lead) => {
      const member = isMember(lead);
      return {
        passed: member === wanted,
        detail: `${describe(member)}; expected ${wanted ? 'IS' : 'IS_NOT'}`,
      };
    },
  };
}

function compileMemberOfList(filter: Filter, wanted: boolean): FilterCompilation {
  const listId = filter.staticListId;
  if (!listId) return invalid('a MEMBER_OF_LIST filter needs a static list');
  return membershipFilter(
    wanted,
    (lead) => lead.lists.has(listId),
    (member) => `${member ? 'in' : 'not in'} static list ${listId}`,
  );
}

function compileMemberOfProgram(filter: Filter, wanted: boolean): FilterCompilation {
  const programId = filter.programId;
  if (!programId) return invalid('a MEMBER_OF_PROGRAM filter needs a program');
  const status = filter.status ? filter.status.toLowerCase() : null;
  const qualifier = filter.status ? ` with status "${filter.status}"` : '';
  return membershipFilter(
    wanted,
    (lead) => {
      const current = ownValue(lead.memberships, programId);
      return current !== undefined && (status === null || current.toLowerCase() === status);
    },
    (member) => `${member ? 'member' : 'not a member'} of program ${programId}${qualifier}`,
  );
}

function compileMemberOfSmartList(
  filter: Filter,
  wanted: boolean,
  environment: SmartListEnvironment,
): FilterCompilation {
  if (!filter.smartListId) return invalid('a MEMBER_OF_SMART_LIST filter needs a smart list');
  const target = environment.referencedSmartList(filter.smartListId);
  if (!target.ok) return invalid(target.reason);
  const { list, name } = target;
  if (!list.valid) return invalid(`smart list "${name}" is invalid: ${list.reason}`);
  return membershipFilter(
    wanted,
    (lead) => list.matches(lead),
    (member) => `${member ? 'in' : 'not in'} smart list "${name}"`,
  );
}

/**
 * HAD_ACTIVITY holds when at least `minTimes` activities match, NOT_HAD_ACTIVITY when fewer do
 * (semantics S5); operators do not apply.
 */
function compileActivity(filter: Filter, environment: SmartListEnvironment): FilterCompilation {
  if (!filter.activity) return invalid(`a ${filter.kind} filter needs activity criteria`);
  if (filter.operator) return invalid(`operator ${filter.operator} does not apply to ${filter.kind} filters`);
  const criteria = resolveCriteria(filter.activity, environment.fields);
  if (typeof criteria === 'string') return invalid(criteria);
  const wanted = filter.kind === 'HAD_ACTIVITY';
  const test = (lead: LeadState) => countActivities(criteria, lead) >= criteria.minTimes === wanted;
  const expectation = `${wanted ? 'HAD' : 'NOT_HAD'} at least ${criteria.minTimes}`;
  return {
    valid: true,
    test,
    explain: (lead) => {
      const count = countActivities(criteria, lead);
      const found = count >= criteria.minTimes ? `at least ${count}` : `${count}`;
      return {
        passed: count >= criteria.minTimes === wanted,
        detail: `${found} ${describeCriteria(criteria, (id) => environment.campaignName(id))} activities; expected ${expectation}`,
      };
    },
  };
}

/** Compiles one filter (of a smart list, or the `when` of a flow choice). */
export function compileFilter(filter: Filter, environment: SmartListEnvironment): FilterCompilation {
  if (filter.kind === 'ATTRIBUTE') return compileAttribute(filter, environment.fields);
  if (filter.kind === 'HAD_ACTIVITY' || filter.kind === 'NOT_HAD_ACTIVITY') {
    return compileActivity(filter, environment);
  }
  const wanted = membershipPolarity(filter);
  if (wanted === null) return invalid(`operator ${filter.operator} does not apply to ${filter.kind} filters`);
  switch (filter.kind) {
    case 'MEMBER_OF_LIST':
      return compileMemberOfList(filter, wanted);
    case 'MEMBER_OF_PROGRAM':
      return compileMemberOfProgram(filter, wanted);
    case 'MEMBER_OF_SMART_LIST':
      return compileMemberOfSmartList(filter, wanted, environment);
    default:
      return invalid(`unknown filter kind "${filter.kind as string}"`);
  }
}

function combine(
  definition: SmartListDefinition,
  filters: readonly CompiledFilter[],
): ((lead: LeadState) => boolean) | string {
  switch (definition.rule) {
    case 'ALL':
      return (lead) => filters.every((filter) => filter.test(lead));
    case 'ANY':
      // No filter means no restriction, whatever the rule.
      return (lead) => filters.length === 0 || filters.some((filter) => filter.test(lead));
    case 'ADVANCED': {
      const parsed = parseAdvancedLogic(definition.advancedLogic ?? '', filters.length);
      if (!parsed.ok) return parsed.error;
      const { expression } = parsed;
      return (lead) => evaluateLogic(expression, (index) => (filters[index] as CompiledFilter).test(lead));
    }
    default:
      return `unknown filter rule "${definition.rule as string}"`;
  }
}

/**
 * Compiles a smart list's filters and rule (semantics S1, S2). Triggers play no part: they say when a
 * campaign listens, not who qualifies. Invalid (semantics E4) when any filter or the rule cannot be
 * evaluated.
 */
export function compileSmartList(
  definition: SmartListDefinition,
  environment: SmartListEnvironment,
): CompiledSmartList {
  const compiled = definition.filters.map((filter) => compileFilter(filter, environment));
  const broken = compiled.findIndex((filter) => !filter.valid);
  if (broken !== -1) {
    const reason = (compiled[broken] as InvalidFilter).reason;
    return { valid: false, reason: `filter ${broken + 1}: ${reason}`, filters: compiled };
  }
  const filters = compiled as CompiledFilter[];
  const matches = combine(definition, filters);
  if (typeof matches === 'string') return { valid: false, reason: matches, filters };
  return { valid: true, filters, matches };
}
