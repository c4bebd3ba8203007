import type { ActivityType } from '../domain/model.js';

/*
 * The typed fields of each kind of stored activity (semantics A7) that are values of its
 * attributes, with the value each takes when the attribute is absent. They are computed once, when
 * a row becomes a view (activityView), and the kinds' object types expose them as properties: a
 * page of a hundred rows would otherwise call a resolver, with its resolve info, path and
 * arguments, for each. Fields that load an object, or cost more than reading a value (a webhook's
 * host), stay resolvers. A field name means one type across the kinds, so the shapes merge.
 */

/** A stored activity's attributes as the domain wrote them: ids are database ids. */
export type StoredAttributes = Readonly<Record<string, unknown>>;

/** An attribute as the domain wrote it; `fallback` when it is absent or null. */
export const attributeOf = <T>(attributes: StoredAttributes, key: string, fallback: T): T =>
  (attributes[key] as T | undefined) ?? fallback;

/** The fields of the kinds whose flow step may be skipped with a reason instead of applied (semantics F2). */
function skipFields(stored: StoredAttributes) {
  const skipped = attributeOf(stored, 'skipped', false);
  return { skipped, skipReason: skipped ? attributeOf<string | null>(stored, 'reason', null) : null };
}

function executeCampaignFields(stored: StoredAttributes) {
  return {
    qualified: attributeOf(stored, 'qualified', false),
    useParentTokenContext: attributeOf(stored, 'useParentTokenContext', false),
    depth: attributeOf(stored, 'depth', 1),
    reason: attributeOf<string | null>(stored, 'reason', null),
  };
}

function changeScoreFields(stored: StoredAttributes) {
  return {
    ...skipFields(stored),
    scoreName: attributeOf(stored, 'scoreName', ''),
    change: attributeOf(stored, 'change', ''),
    oldValue: attributeOf(stored, 'oldValue', 0),
    newValue: attributeOf(stored, 'newValue', 0),
  };
}

function changeDataValueFields(stored: StoredAttributes) {
  return {
    ...skipFields(stored),
    attribute: attributeOf(stored, 'attribute', ''),
    valueBefore: attributeOf<unknown>(stored, 'oldValue', null),
    valueAfter: attributeOf<unknown>(stored, 'newValue', null),
    attemptedValue: attributeOf<string | null>(stored, 'value', null),
    source: attributeOf<string | null>(stored, 'source', null),
  };
}

function campaignIsRequestedFields(stored: StoredAttributes) {
  return { requestSource: attributeOf(stored, 'source', '') };
}

function changeProgramStatusFields(stored: StoredAttributes) {
  return {
    ...skipFields(stored),
    oldStatus: attributeOf<string | null>(stored, 'oldStatus', null),
    newStatus: attributeOf(stored, 'newStatus', ''),
  };
}

function waitFields(stored: StoredAttributes) {
  const resumeAt = attributeOf<string | null>(stored, 'resumeAt', null);
  return {
    ...skipFields(stored),
    seconds: attributeOf(stored, 'seconds', 0),
    resumeAt: resumeAt === null ? null : new Date(resumeAt),
  };
}

function callWebhookFields(stored: StoredAttributes) {
  return {
    ...skipFields(stored),
    method: attributeOf(stored, 'method', ''),
    httpStatus: attributeOf<number | null>(stored, 'status', null),
    succeeded: attributeOf(stored, 'ok', false),
    failure: attributeOf<string | null>(stored, 'error', null),
  };
}

function interestingMomentFields(stored: StoredAttributes) {
  return { kind: attributeOf(stored, 'kind', ''), description: attributeOf(stored, 'description', '') };
}

function newLeadFields(_stored: StoredAttributes, primaryAttributeValue: string | null) {
  return { email: primaryAttributeValue ?? '' };
}

const noFields = () => ({});

const KIND_FIELDS = {
  EXECUTE_CAMPAIGN: executeCampaignFields,
  CHANGE_SCORE: changeScoreFields,
  CHANGE_DATA_VALUE: changeDataValueFields,
  REQUEST_CAMPAIGN: noFields,
  CAMPAIGN_IS_REQUESTED: campaignIsRequestedFields,
  REMOVE_FROM_FLOW: noFields,
  ADD_TO_LIST: noFields,
  REMOVE_FROM_LIST: noFields,
  CHANGE_PROGRAM_STATUS: changeProgramStatusFields,
  WAIT: waitFields,
  CALL_WEBHOOK: callWebhookFields,
  INTERESTING_MOMENT: interestingMomentFields,
  NEW_LEAD: newLeadFields,
} satisfies Record<ActivityType, (stored: StoredAttributes, primaryAttributeValue: string | null) => object>;

type FieldsOf<Kind extends ActivityType> = ReturnType<(typeof KIND_FIELDS)[Kind]>;

/**
 * The typed fields of every kind, as one shape: a field name means one type across the kinds, and
 * a view holds only its own kind's, which only its kind's object type reads.
 */
export type KindFields = FieldsOf<'EXECUTE_CAMPAIGN'> &
  FieldsOf<'CHANGE_SCORE'> &
  FieldsOf<'CHANGE_DATA_VALUE'> &
  FieldsOf<'CAMPAIGN_IS_REQUESTED'> &
  FieldsOf<'CHANGE_PROGRAM_STATUS'> &
  FieldsOf<'WAIT'> &
  FieldsOf<'CALL_WEBHOOK'> &
  FieldsOf<'INTERESTING_MOMENT'> &
  FieldsOf<'NEW_LEAD'>;

/**
 * The typed fields of a row of this kind; none for a kind this version does not know (a row a newer
 * version wrote while both run), which the executor then refuses as a type it cannot resolve.
 */
export function kindFields(
  type: ActivityType,
  stored: StoredAttributes,
  primaryAttributeValue: string | null,
): Partial<KindFields> {
  return (KIND_FIELDS[type] ?? noFields)(stored, primaryAttributeValue);
}
