import type { ActivityEvent } from '../db/sql/activity-feed.js';
import type { CampaignRecord } from '../db/sql/workspace-assets.js';
import type { ActivityType, JsonValue } from '../domain/model.js';
import {
  ActivityRef,
  type ActivityView,
  campaignById,
  FlowActivityRef,
  presentAttributes,
  type StoredActivity,
} from './activity.js';
import { attributeOf, withKindFields } from './activity-fields.js';
import { builder } from './builder.js';
import { CampaignRef } from './campaign.js';
import { readList, readProgram } from './campaign-graph-loader.js';
import type { GraphQLContext } from './context.js';
import { isDatabaseId } from './ids.js';
import { StaticListRef } from './list.js';
import { ProgramRef } from './program.js';

/*
 * One object type per kind of activity (semantics A7), with the kind's details as typed fields and
 * its references as objects; `attributes` keeps the same JSON on every type. A field name means one
 * type across the kinds (ChangeScoreActivity.oldValue is an Int!, so Change Data Value's values are
 * valueBefore and valueAfter), so that fragments on several kinds merge in one selection.
 *
 * The typed fields that are values of the attributes are exposed: activityView computes them
 * (activity-fields.ts); those that load an object stay resolvers.
 */

const interfaces = [FlowActivityRef, ActivityRef];

/**
 * The object an attribute names, through the request's loader; null when the attribute holds no
 * row id (so that one odd value cannot fail a batch) or the loader finds nothing the key may see.
 */
function referenced<T>(
  loader: { load(id: string): Promise<T | null> },
  value: unknown,
): Promise<T | null> | null {
  return typeof value === 'string' && isDatabaseId(value) ? loader.load(value) : null;
}

/** A referenced campaign, deleted ones included (semantics I3); null when the key may not see it. */
function campaignOf(
  context: GraphQLContext,
  id: unknown,
): CampaignRecord | null | Promise<CampaignRecord | null> {
  return typeof id === 'string' && isDatabaseId(id) ? campaignById(context, id) : null;
}

/** Campaigns by id, in order, leaving out those the key may not see; at once when all are in hand. */
function campaignsOf(context: GraphQLContext, ids: unknown): CampaignRecord[] | Promise<CampaignRecord[]> {
  const found = (Array.isArray(ids) ? ids : []).map((id) => campaignOf(context, id));
  const present = (campaigns: (CampaignRecord | null)[]) => campaigns.filter((campaign) => campaign !== null);
  return found.some((campaign) => campaign instanceof Promise)
    ? Promise.all(found).then(present)
    : present(found as (CampaignRecord | null)[]);
}

/** The host (and port) of a webhook's URL; null when the URL does not parse (a skipped template). */
function hostOf(url: unknown): string | null {
  if (typeof url !== 'string' || !URL.canParse(url)) return null;
  return new URL(url).host;
}

export const ExecuteCampaignActivityRef = builder.objectRef<ActivityView>('ExecuteCampaignActivity');
builder.objectType(ExecuteCampaignActivityRef, {
  interfaces,
  description: 'An Execute Campaign step: whether the lead qualified for the executable campaign.',
  fields: (t) => ({
    qualified: t.exposeBoolean('qualified', {
      description: 'Qualified: TRUE when the lead passed the child’s smart list and qualification rule.',
    }),
    executedCampaign: t.field({
      type: CampaignRef,
      description: 'The executable campaign the step ran (still returned, with deletedAt set, once deleted).',
      resolve: (activity, _args, context) =>
        campaignById(context, attributeOf(activity.storedAttributes, 'executedCampaignId', '')) as
          | CampaignRecord
          | Promise<CampaignRecord>,
    }),
    useParentTokenContext: t.exposeBoolean('useParentTokenContext', {
      description:
        'Whether the child resolved My Tokens in the caller’s context (semantics T6 in docs/semantics.md).',
    }),
    depth: t.exposeInt('depth', { description: '1 for a child of a top campaign, at most 3.' }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why the lead did not qualify, when it did not.',
    }),
  }),
});

const ChangeScoreActivityRef = builder.objectRef<ActivityView>('ChangeScoreActivity');
builder.objectType(ChangeScoreActivityRef, {
  interfaces,
  description: 'A Change Score step: which score field changed, by what, from which value to which.',
  fields: (t) => ({
    scoreName: t.exposeString('scoreName', { description: 'The SCORE field changed (e.g. score).' }),
    change: t.exposeString('change', {
      description: 'The change as the step gave it, tokens resolved: +N, -N or =N.',
    }),
    oldValue: t.exposeInt('oldValue', { description: 'The score before the step (0 when it was unset).' }),
    newValue: t.exposeInt('newValue', {
      description: 'The score after the step; the old value when the step was skipped.',
    }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('GenericActivity'), {
  interfaces,
  description:
    'Kept so that fragments written for it stay valid: no activity is of this type any more, since every kind of activity has its own type (semantics A7 in docs/semantics.md).',
  fields: () => ({}),
});

const ChangeDataValueActivityRef = builder.objectRef<ActivityView>('ChangeDataValueActivity');
builder.objectType(ChangeDataValueActivityRef, {
  interfaces,
  description:
    'A lead field changed, by a Change Data Value flow step (semantics F3 in docs/semantics.md) or by upsertLeads (source API).',
  fields: (t) => ({
    attribute: t.exposeString('attribute', {
      description:
        'The name of the lead field, as the workspace defines it (as written in the step when unknown).',
    }),
    valueBefore: t.expose('valueBefore', {
      type: 'JSON',
      nullable: true,
      description:
        'The field’s value before the change (a string, number or boolean, as Lead.fields shows it); null when it was empty or the field is unknown.',
    }),
    valueAfter: t.expose('valueAfter', {
      type: 'JSON',
      nullable: true,
      description: 'The field’s value after the change; null when it was cleared, and on skipped steps.',
    }),
    attemptedValue: t.exposeString('attemptedValue', {
      nullable: true,
      description:
        'Skipped steps only: the value the step tried to set, tokens resolved (null when it tried to clear the field); null on applied changes.',
    }),
    source: t.exposeString('source', {
      nullable: true,
      description: 'API when upsertLeads made the change; null when a flow step did.',
    }),
  }),
});

const RequestCampaignActivityRef = builder.objectRef<ActivityView>('RequestCampaignActivity');
builder.objectType(RequestCampaignActivityRef, {
  interfaces,
  description:
    'A Request Campaign flow step handed the lead to a trigger campaign, which runs separately (semantics F5 in docs/semantics.md).',
  fields: (t) => ({
    requestedCampaign: t.field({
      type: CampaignRef,
      nullable: true,
      description:
        'The campaign the lead was handed to, also once deleted (see Campaign.deletedAt); null when the key may not see it.',
      resolve: (activity, _args, context) =>
        campaignOf(context, activity.storedAttributes.requestedCampaignId),
    }),
  }),
});

const CampaignIsRequestedActivityRef = builder.objectRef<ActivityView>('CampaignIsRequestedActivity');
builder.objectType(CampaignIsRequestedActivityRef, {
  interfaces,
  description:
    'The lead entered a requested run of the campaign (field campaign): by requestCampaign through the API, or by a Campaign is Requested trigger.',
  fields: (t) => ({
    requestSource: t.exposeString('requestSource', {
      description: 'Who requested it: API for the requestCampaign mutation, else the trigger’s source.',
    }),
  }),
});

const RemoveFromFlowActivityRef = builder.objectRef<ActivityView>('RemoveFromFlowActivity');
builder.objectType(RemoveFromFlowActivityRef, {
  interfaces,
  description:
    'A Remove from Flow step (semantics F6, E9 in docs/semantics.md): the lead’s flows in the named campaigns stop, pending waits included.',
  fields: (t) => ({
    campaigns: t.field({
      type: [CampaignRef],
      description:
        'The campaigns the step names, in its order, deleted ones included; those the key may not see are left out.',
      resolve: (activity, _args, context) => campaignsOf(context, activity.storedAttributes.campaignIds),
    }),
    stoppedCampaigns: t.field({
      type: [CampaignRef],
      description:
        'The campaigns whose running flow the step stopped (the one running it and its callers, when one of them is named); empty when none was running.',
      resolve: (activity, _args, context) =>
        campaignsOf(context, activity.storedAttributes.stoppedCampaignIds),
    }),
  }),
});

/** Add to List and Remove from List activities: the list whose membership changed. */
function listActivity(name: string, step: string) {
  builder.objectType(builder.objectRef<ActivityView>(name), {
    interfaces,
    description: `A ${step} step changed the lead’s membership of a static list (semantics F7 in docs/semantics.md); a step that would change nothing writes no activity.`,
    fields: (t) => ({
      list: t.field({
        type: StaticListRef,
        nullable: true,
        description: 'The static list; null when the key may not see it.',
        resolve: (activity, _args, context) => {
          const id = activity.storedAttributes.listId;
          return (
            (typeof id === 'string' && readList(context, id)) ||
            referenced(StaticListRef.getDataloader(context), id)
          );
        },
      }),
    }),
  });
}
listActivity('AddToListActivity', 'Add to List');
listActivity('RemoveFromListActivity', 'Remove from List');

const ChangeProgramStatusActivityRef = builder.objectRef<ActivityView>('ChangeProgramStatusActivity');
builder.objectType(ChangeProgramStatusActivityRef, {
  interfaces,
  description:
    'A Change Program Status step made the lead a member of a program with a status (semantics F8 in docs/semantics.md).',
  fields: (t) => ({
    program: t.field({
      type: ProgramRef,
      nullable: true,
      description: 'The program; null when it does not exist (a skipped step) or the key may not see it.',
      resolve: (activity, _args, context) => {
        const id = activity.storedAttributes.programId;
        return (
          (typeof id === 'string' && readProgram(context, id)) ||
          referenced(ProgramRef.getDataloader(context), id)
        );
      },
    }),
    oldStatus: t.exposeString('oldStatus', {
      nullable: true,
      description: 'The lead’s status in the program before; null when it was not a member.',
    }),
    newStatus: t.exposeString('newStatus', {
      description: 'The status set; on a skipped step, the one the step asked for.',
    }),
  }),
});

const WaitActivityRef = builder.objectRef<ActivityView>('WaitActivity');
builder.objectType(WaitActivityRef, {
  interfaces,
  description:
    'A Wait step suspended the lead’s flow (semantics F9 in docs/semantics.md); the next step runs once the delay is over.',
  fields: (t) => ({
    seconds: t.exposeInt('seconds', { description: 'The delay, in seconds.' }),
    resumeAt: t.expose('resumeAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the flow resumes at the next step; null on a skipped step.',
    }),
  }),
});

const CallWebhookActivityRef = builder.objectRef<ActivityView>('CallWebhookActivity');
builder.objectType(CallWebhookActivityRef, {
  interfaces,
  description:
    'A Webhook step’s call and its outcome (semantics F10 in docs/semantics.md), written when the flow resumes after the call.',
  fields: (t) => ({
    host: t.string({
      nullable: true,
      description:
        'The host (and port, when not the default) the call went to; the full URL, which may carry resolved tokens, is only in attributes. Null when the URL does not parse.',
      resolve: (activity) => hostOf(activity.storedAttributes.url),
    }),
    method: t.exposeString('method', {
      description: 'The HTTP method (POST unless the step said otherwise).',
    }),
    httpStatus: t.exposeInt('httpStatus', {
      nullable: true,
      description:
        'The HTTP status of the response; null when none came (refused, timed out, target not allowed) and on a skipped step.',
    }),
    succeeded: t.exposeBoolean('succeeded', { description: 'True when the response had a 2xx status.' }),
    failure: t.exposeString('failure', {
      nullable: true,
      description: 'Why no response came (without the URL); null when one came, and on a skipped step.',
    }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('InterestingMomentActivity'), {
  interfaces,
  description: 'An Interesting Moment step recorded a moment (semantics F11 in docs/semantics.md).',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'The moment’s kind, as the step names it.' }),
    description: t.exposeString('description', { description: 'The moment’s description, tokens resolved.' }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('NewLeadActivity'), {
  interfaces,
  description: 'upsertLeads created the lead.',
  fields: (t) => ({
    email: t.exposeString('email', { description: 'The lead’s email when it was created.' }),
  }),
});

/** The kinds whose flow step may be skipped with a reason instead of applied (semantics F2). */
const SKIPPABLE = [
  ChangeScoreActivityRef,
  ChangeDataValueActivityRef,
  ChangeProgramStatusActivityRef,
  WaitActivityRef,
  CallWebhookActivityRef,
];

for (const ref of SKIPPABLE) {
  builder.objectFields(ref, (t) => ({
    skipped: t.exposeBoolean('skipped', {
      description:
        'True when the step could not be applied and was skipped: it changed nothing, and skipReason says why.',
    }),
    skipReason: t.exposeString('skipReason', {
      nullable: true,
      description:
        'Why the step was skipped, as a problem code (UNKNOWN_FIELD, TYPE_MISMATCH, UNKNOWN_PROGRAM, WAIT_IN_EXECUTABLE...); null when it was applied.',
    }),
  }));
}

/** The activity types resolve a plain row (a page's, or a live one) through this view. */
export function activityView(event: ActivityEvent): ActivityView {
  const type = event.type as ActivityType;
  const view: StoredActivity = {
    id: event.id,
    type,
    leadId: event.leadId,
    campaignId: event.campaignId,
    runId: event.runId,
    occurredAt: event.occurredAt,
    primaryAttributeValue: event.primaryAttributeValue,
    attributes: presentAttributes(event.attributes as Record<string, JsonValue>),
    storedAttributes: event.attributes,
  };
  return withKindFields(view, type, event.attributes, event.primaryAttributeValue) as ActivityView;
}
