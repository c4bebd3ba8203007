import type { Activity } from '../db/entities/activity.entity.js';
import type { PrintedInstant } from '../db/sql/activity-feed.js';
import type { CampaignRecord } from '../db/sql/workspace-assets.js';
import type { JsonValue } from '../domain/model.js';
import { attributeOf, type KindFields, type StoredAttributes } from './activity-fields.js';
import { ActivityTypeEnum } from './activity-type.js';
import { builder } from './builder.js';
import { CampaignRef, campaignsIncludingDeleted } from './campaign.js';
import { readCampaign } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { globalId } from './ids.js';
import { LeadRef, leadsInHand } from './lead.js';
import { CampaignRunRef, runsInHand } from './run.js';

export { ActivityTypeEnum };

/** Attribute keys that hold database ids, and the type whose global id clients know them by. */
const ID_ATTRIBUTES: Record<string, string> = {
  executedCampaignId: 'Campaign',
  requestedCampaignId: 'Campaign',
  campaignIds: 'Campaign',
  stoppedCampaignIds: 'Campaign',
  listId: 'StaticList',
  programId: 'Program',
};

/**
 * Activity attributes as clients see them: ids are the global ids the rest of the API uses. Only
 * attributes holding ids are copied: the others are the row's own, which nothing else changes.
 */
export function presentAttributes(
  attributes: Readonly<Record<string, JsonValue>>,
): Readonly<Record<string, JsonValue>> {
  let presented: Record<string, JsonValue> | undefined;
  for (const key in attributes) {
    const typename = ID_ATTRIBUTES[key];
    if (!typename) continue;
    const value = attributes[key] as JsonValue;
    presented ??= { ...attributes };
    if (Array.isArray(value)) presented[key] = value.map((id) => globalId(typename, String(id)));
    else if (typeof value === 'string') presented[key] = globalId(typename, value);
  }
  return presented ?? attributes;
}

/**
 * A campaign by id, deleted ones included (semantics I3): at once when a snapshot the request has
 * read holds it, else through the request's loader; null when the key may not see it.
 */
export function campaignById(
  context: GraphQLContext,
  id: string,
): CampaignRecord | null | Promise<CampaignRecord | null> {
  return readCampaign(context, id) ?? campaignsIncludingDeleted(context).load(id);
}

/** A stored activity (a page's row or a live one), which carries only the ids of its lead, campaign and run. */
export interface StoredActivity {
  id: string;
  type: Activity['type'];
  leadId: string;
  campaignId: string | null;
  runId: string | null;
  occurredAt: PrintedInstant;
  primaryAttributeValue?: string | null;
  /** As clients see them (presentAttributes): ids are global ids. */
  attributes: Readonly<Record<string, JsonValue>>;
  /** As stored, for the fields that load what their ids name. */
  storedAttributes: StoredAttributes;
}

/**
 * What the Activity types resolve from: a stored activity with its kind's typed fields (KindFields),
 * computed once from its attributes when the row becomes a view (activityView), so that the
 * compiled query reads them as properties rather than calling a resolver for each. A kind's field
 * named as a field every row has would replace it in the view; this interface refuses one of
 * another type.
 */
export interface ActivityView extends StoredActivity, KindFields {}

/** What FlowActivity resolves from: a stored activity (ActivityView) or a dry run's row (the domain's). */
export interface FlowRow {
  type: Activity['type'];
  campaignId?: string | null;
  primaryAttributeValue?: string | null;
  /**
   * A stored activity's presented (ids as global ids), as `attributes` shows them; a dry run's as the
   * domain wrote them, which SimulatedActivity presents itself. No other field here reads an id.
   */
  attributes: Readonly<Record<string, unknown>>;
}

/**
 * The object type each kind of stored activity resolves to (semantics A7). GenericActivity stays in
 * the schema for clients' fragments; no kind resolves to it.
 */
const ACTIVITY_TYPENAMES: Record<Activity['type'], string> = {
  EXECUTE_CAMPAIGN: 'ExecuteCampaignActivity',
  CHANGE_SCORE: 'ChangeScoreActivity',
  CHANGE_DATA_VALUE: 'ChangeDataValueActivity',
  REQUEST_CAMPAIGN: 'RequestCampaignActivity',
  CAMPAIGN_IS_REQUESTED: 'CampaignIsRequestedActivity',
  REMOVE_FROM_FLOW: 'RemoveFromFlowActivity',
  ADD_TO_LIST: 'AddToListActivity',
  REMOVE_FROM_LIST: 'RemoveFromListActivity',
  CHANGE_PROGRAM_STATUS: 'ChangeProgramStatusActivity',
  WAIT: 'WaitActivity',
  CALL_WEBHOOK: 'CallWebhookActivity',
  INTERESTING_MOMENT: 'InterestingMomentActivity',
  NEW_LEAD: 'NewLeadActivity',
};

export const FlowActivityRef = builder.interfaceRef<FlowRow>('FlowActivity').implement({
  description:
    'The fields a dry run’s rows (SimulatedActivity) and stored activities share, with the same meaning: one fragment on FlowActivity reads both (semantics A6 in docs/semantics.md).',
  resolveType: (row) => {
    if (!('id' in row)) return 'SimulatedActivity';
    return ACTIVITY_TYPENAMES[row.type];
  },
  fields: (t) => ({
    // Exposed properties rather than resolvers: the compiled query reads them off the row, without
    // the resolve info and path it builds for every resolver call (a page has a hundred rows).
    type: t.expose('type', { type: ActivityTypeEnum, description: 'What happened.' }),
    campaign: t.field({
      type: CampaignRef,
      nullable: true,
      description: 'The campaign whose flow ran the step (for Execute Campaign: the parent).',
      resolve: (row, _args, context) => (row.campaignId ? campaignById(context, row.campaignId) : null),
    }),
    primaryAttributeValue: t.exposeString('primaryAttributeValue', {
      nullable: true,
      description:
        'What the activity is about, in one value, as a list of activities shows it: the field or score changed, the campaign executed or requested, the list, the wait in seconds, the interesting moment’s kind, a new lead’s email...; null when nothing.',
    }),
    // A stored activity's view holds its attributes presented already (activityView);
    // SimulatedActivity presents its dry-run rows' own.
    attributes: t.expose('attributes', {
      type: 'JSON',
      description:
        'The type’s details as a JSON object (e.g. attribute, oldValue, newValue; skipped and reason when the step did nothing); ids in it are global ids.',
    }),
    qualified: t.boolean({
      nullable: true,
      description:
        'Execute Campaign rows: their Qualified value (semantics E3 in docs/semantics.md); null on other rows.',
      resolve: (row) => (row.type === 'EXECUTE_CAMPAIGN' ? row.attributes.qualified === true : null),
    }),
    executionDepth: t.int({
      nullable: true,
      description:
        'Execute Campaign rows: the depth of the executed campaign below the top campaign (semantics E5 in docs/semantics.md: 1 for its child, at most 3), as ExecuteCampaignActivity.depth; null on other rows.',
      resolve: (row) => (row.type === 'EXECUTE_CAMPAIGN' ? attributeOf(row.attributes, 'depth', 1) : null),
    }),
  }),
});

export const ActivityRef = builder.interfaceRef<ActivityView>('Activity').implement({
  interfaces: [FlowActivityRef],
  description: 'An immutable record of something that happened to a lead.',
  resolveType: (activity) => ACTIVITY_TYPENAMES[activity.type],
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'Increases in the order activities are committed: ask for everything after the last one seen.',
    }),
    lead: t.field({
      type: LeadRef,
      description: 'The lead it happened to.',
      resolve: (activity, _args, context) => leadsInHand.get(context, activity.leadId) ?? activity.leadId,
    }),
    run: t.field({
      type: CampaignRunRef,
      nullable: true,
      description:
        'The run that wrote it; null for activities upsertLeads wrote (NEW_LEAD, Change Data Value).',
      resolve: (activity, _args, context) =>
        activity.runId ? (runsInHand.get(context, activity.runId) ?? activity.runId) : null,
    }),
    occurredAt: t.expose('occurredAt', {
      type: 'DateTime',
      description: 'When it happened (for a flow step, when its run processed the lead).',
    }),
  }),
});

export const ActivityFilterRef = builder.inputType('ActivityFilter', {
  description:
    'Which activities to read: every given field narrows (AND); absent fields do not. A workspace key only ever sees its own workspace.',
  fields: (t) => ({
    workspaceId: t.id({
      required: false,
      description: 'Only this workspace’s activities (another workspace than the key’s: none).',
    }),
    campaignId: t.id({ required: false, description: 'Only those written by this campaign’s flow steps.' }),
    leadId: t.id({ required: false, description: 'Only this lead’s.' }),
    runId: t.id({ required: false, description: 'Only those this run wrote.' }),
    types: t.field({
      type: [ActivityTypeEnum],
      required: false,
      description: 'Only these types; empty or absent: every type.',
    }),
    qualified: t.boolean({
      required: false,
      description: 'Execute Campaign activities only: their Qualified value.',
    }),
  }),
});

export type ActivityFilter = typeof ActivityFilterRef.$inferInput;
