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

/** Skipped, on the kinds whose flow step may be skipped instead of applied (semantics F2). */
const skippedOf = (stored: StoredAttributes) => attributeOf(stored, 'skipped', false);

/** Why the step was skipped; null when it was applied. */
const skipReasonOf = (stored: StoredAttributes) =>
  skippedOf(stored) ? attributeOf<string | null>(stored, 'reason', null) : null;

/*
 * Each kind's function gives the row's view with the kind's fields: one object built at the
 * kind's own site from a view of one shape, which is cheaper than putting every kind's fields and
 * the view together at one site (bench/README.md, "Measurements quoted by the code").
 */

function withExecuteCampaignFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    qualified: attributeOf(stored, 'qualified', false),
    useParentTokenContext: attributeOf(stored, 'useParentTokenContext', false),
    depth: attributeOf(stored, 'depth', 1),
    reason: attributeOf<string | null>(stored, 'reason', null),
  };
}

function withChangeScoreFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    skipped: skippedOf(stored),
    skipReason: skipReasonOf(stored),
    scoreName: attributeOf(stored, 'scoreName', ''),
    change: attributeOf(stored, 'change', ''),
    oldValue: attributeOf(stored, 'oldValue', 0),
    newValue: attributeOf(stored, 'newValue', 0),
  };
}

function withChangeDataValueFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    skipped: skippedOf(stored),
    skipReason: skipReasonOf(stored),
    attribute: attributeOf(stored, 'attribute', ''),
    valueBefore: attributeOf<unknown>(stored, 'oldValue', null),
    valueAfter: attributeOf<unknown>(stored, 'newValue', null),
    attemptedValue: attributeOf<string | null>(stored, 'value', null),
    source: attributeOf<string | null>(stored, 'source', null),
  };
}

function withCampaignIsRequestedFields<View extends object>(view: View, stored: StoredAttributes) {
  return { ...view, requestSource: attributeOf(stored, 'source', '') };
}

function withChangeProgramStatusFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    skipped: skippedOf(stored),
    skipReason: skipReasonOf(stored),
    oldStatus: attributeOf<string | null>(stored, 'oldStatus', null),
    newStatus: attributeOf(stored, 'newStatus', ''),
  };
}

function withWaitFields<View extends object>(view: View, stored: StoredAttributes) {
  const resumeAt = attributeOf<string | null>(stored, 'resumeAt', null);
  return {
    ...view,
    skipped: skippedOf(stored),
    skipReason: skipReasonOf(stored),
    seconds: attributeOf(stored, 'seconds', 0),
    resumeAt: resumeAt === null ? null : new Date(resumeAt),
  };
}

function withCallWebhookFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    skipped: skippedOf(stored),
    skipReason: skipReasonOf(stored),
    method: attributeOf(stored, 'method', ''),
    httpStatus: attributeOf<number | null>(stored, 'status', null),
    succeeded: attributeOf(stored, 'ok', false),
    failure: attributeOf<string | null>(stored, 'error', null),
  };
}

function withInterestingMomentFields<View extends object>(view: View, stored: StoredAttributes) {
  return {
    ...view,
    kind: attributeOf(stored, 'kind', ''),
    description: attributeOf(stored, 'description', ''),
  };
}

function withNewLeadFields<View extends object>(
  view: View,
  _stored: StoredAttributes,
  primaryAttributeValue: string | null,
) {
  return { ...view, email: primaryAttributeValue ?? '' };
}

const withNoFields = <View extends object>(view: View) => view;

const WITH_KIND_FIELDS = {
  EXECUTE_CAMPAIGN: withExecuteCampaignFields,
  CHANGE_SCORE: withChangeScoreFields,
  CHANGE_DATA_VALUE: withChangeDataValueFields,
  REQUEST_CAMPAIGN: withNoFields,
  CAMPAIGN_IS_REQUESTED: withCampaignIsRequestedFields,
  REMOVE_FROM_FLOW: withNoFields,
  ADD_TO_LIST: withNoFields,
  REMOVE_FROM_LIST: withNoFields,
  CHANGE_PROGRAM_STATUS: withChangeProgramStatusFields,
  WAIT: withWaitFields,
  CALL_WEBHOOK: withCallWebhookFields,
  INTERESTING_MOMENT: withInterestingMomentFields,
  NEW_LEAD: withNewLeadFields,
} satisfies Record<
  ActivityType,
  (view: object, stored: StoredAttributes, primaryAttributeValue: string | null) => object
>;

type FieldsOf<Kind extends ActivityType> = ReturnType<(typeof WITH_KIND_FIELDS)[Kind]>;

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
 * The view with the typed fields of a row of this kind; none for a kind this version does not know
 * (a row a newer version wrote while both run), which the executor then refuses as a type it
 * cannot resolve.
 */
export function withKindFields<View extends object>(
  view: View,
  type: ActivityType,
  stored: StoredAttributes,
  primaryAttributeValue: string | null,
): View & Partial<KindFields> {
  const withFields = Object.hasOwn(WITH_KIND_FIELDS, type) ? WITH_KIND_FIELDS[type] : withNoFields;
  return withFields(view, stored, primaryAttributeValue);
}
