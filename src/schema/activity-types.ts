import type { CampaignRecord } from '../db/sql/workspace-assets.js';
import {
  ActivityRef,
  type ActivityView,
  attribute,
  ChangeScoreActivityRef,
  campaignById,
  FlowActivityRef,
} from './activity.js';
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

const ChangeDataValueActivityRef = builder.objectRef<ActivityView>('ChangeDataValueActivity');
builder.objectType(ChangeDataValueActivityRef, {
  interfaces,
  description:
    'A lead field changed, by a Change Data Value flow step (semantics F3 in docs/semantics.md) or by upsertLeads (source API).',
  fields: (t) => ({
    attribute: t.string({
      description:
        'The name of the lead field, as the workspace defines it (as written in the step when unknown).',
      resolve: (activity) => attribute(activity, 'attribute', ''),
    }),
    valueBefore: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The field’s value before the change (a string, number or boolean, as Lead.fields shows it); null when it was empty or the field is unknown.',
      resolve: (activity) => attribute(activity, 'oldValue', null),
    }),
    valueAfter: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The field’s value after the change; null when it was cleared, and on skipped steps.',
      resolve: (activity) => attribute(activity, 'newValue', null),
    }),
    attemptedValue: t.string({
      nullable: true,
      description:
        'Skipped steps only: the value the step tried to set, tokens resolved (null when it tried to clear the field); null on applied changes.',
      resolve: (activity) => attribute<string | null>(activity, 'value', null),
    }),
    source: t.string({
      nullable: true,
      description: 'API when upsertLeads made the change; null when a flow step did.',
      resolve: (activity) => attribute<string | null>(activity, 'source', null),
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
      resolve: (activity, _args, context) => campaignOf(context, activity.attributes.requestedCampaignId),
    }),
  }),
});

const CampaignIsRequestedActivityRef = builder.objectRef<ActivityView>('CampaignIsRequestedActivity');
builder.objectType(CampaignIsRequestedActivityRef, {
  interfaces,
  description:
    'The lead entered a requested run of the campaign (field campaign): by requestCampaign through the API, or by a Campaign is Requested trigger.',
  fields: (t) => ({
    requestSource: t.string({
      description: 'Who requested it: API for the requestCampaign mutation, else the trigger’s source.',
      resolve: (activity) => attribute(activity, 'source', ''),
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
      resolve: (activity, _args, context) => campaignsOf(context, activity.attributes.campaignIds),
    }),
    stoppedCampaigns: t.field({
      type: [CampaignRef],
      description:
        'The campaigns whose running flow the step stopped (the one running it and its callers, when one of them is named); empty when none was running.',
      resolve: (activity, _args, context) => campaignsOf(context, activity.attributes.stoppedCampaignIds),
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
          const id = activity.attributes.listId;
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
        const id = activity.attributes.programId;
        return (
          (typeof id === 'string' && readProgram(context, id)) ||
          referenced(ProgramRef.getDataloader(context), id)
        );
      },
    }),
    oldStatus: t.string({
      nullable: true,
      description: 'The lead’s status in the program before; null when it was not a member.',
      resolve: (activity) => attribute<string | null>(activity, 'oldStatus', null),
    }),
    newStatus: t.string({
      description: 'The status set; on a skipped step, the one the step asked for.',
      resolve: (activity) => attribute(activity, 'newStatus', ''),
    }),
  }),
});

const WaitActivityRef = builder.objectRef<ActivityView>('WaitActivity');
builder.objectType(WaitActivityRef, {
  interfaces,
  description:
    'A Wait step suspended the lead’s flow (semantics F9 in docs/semantics.md); the next step runs once the delay is over.',
  fields: (t) => ({
    seconds: t.int({
      description: 'The delay, in seconds.',
      resolve: (activity) => attribute(activity, 'seconds', 0),
    }),
    resumeAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the flow resumes at the next step; null on a skipped step.',
      resolve: (activity) => {
        const resumeAt = attribute<string | null>(activity, 'resumeAt', null);
        return resumeAt === null ? null : new Date(resumeAt);
      },
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
      resolve: (activity) => hostOf(activity.attributes.url),
    }),
    method: t.string({
      description: 'The HTTP method (POST unless the step said otherwise).',
      resolve: (activity) => attribute(activity, 'method', ''),
    }),
    httpStatus: t.int({
      nullable: true,
      description:
        'The HTTP status of the response; null when none came (refused, timed out, target not allowed) and on a skipped step.',
      resolve: (activity) => attribute<number | null>(activity, 'status', null),
    }),
    succeeded: t.boolean({
      description: 'True when the response had a 2xx status.',
      resolve: (activity) => attribute(activity, 'ok', false),
    }),
    failure: t.string({
      nullable: true,
      description: 'Why no response came (without the URL); null when one came, and on a skipped step.',
      resolve: (activity) => attribute<string | null>(activity, 'error', null),
    }),
  }),
});

const InterestingMomentActivityRef = builder.objectRef<ActivityView>('InterestingMomentActivity');
builder.objectType(InterestingMomentActivityRef, {
  interfaces,
  description: 'An Interesting Moment step recorded a moment (semantics F11 in docs/semantics.md).',
  fields: (t) => ({
    kind: t.string({
      description: 'The moment’s kind, as the step names it.',
      resolve: (activity) => attribute(activity, 'kind', ''),
    }),
    description: t.string({
      description: 'The moment’s description, tokens resolved.',
      resolve: (activity) => attribute(activity, 'description', ''),
    }),
  }),
});

builder.objectType(builder.objectRef<ActivityView>('NewLeadActivity'), {
  interfaces,
  description: 'upsertLeads created the lead.',
  fields: (t) => ({
    email: t.string({
      description: 'The lead’s email when it was created.',
      resolve: (activity) => activity.primaryAttributeValue ?? '',
    }),
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
    skipped: t.boolean({
      description:
        'True when the step could not be applied and was skipped: it changed nothing, and skipReason says why.',
      resolve: (activity) => attribute(activity, 'skipped', false),
    }),
    skipReason: t.string({
      nullable: true,
      description:
        'Why the step was skipped, as a problem code (UNKNOWN_FIELD, TYPE_MISMATCH, UNKNOWN_PROGRAM, WAIT_IN_EXECUTABLE...); null when it was applied.',
      resolve: (activity) =>
        attribute(activity, 'skipped', false) ? attribute<string | null>(activity, 'reason', null) : null,
    }),
  }));
}
