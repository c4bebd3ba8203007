import { CampaignRun, RUN_STATUSES } from '../db/entities/campaign-run.entity.js';
import { builder } from './builder.js';
import { CampaignRef, idCursorPage } from './campaign.js';
import { databaseId } from './ids.js';
import { loadVisible } from './loading.js';
import { TokenRef } from './token.js';

const RunKindEnum = builder.enumType('RunKind', {
  values: {
    BATCH: { description: 'scheduleCampaign: the leads the smart list selects when the run starts.' },
    REQUESTED: { description: 'requestCampaign: up to 100 leads named by the API.' },
    TRIGGERED: { description: 'A trigger fired, or a Request Campaign step handed the lead over.' },
  } as const,
});

const RunStatusEnum = builder.enumType('RunStatus', { values: RUN_STATUSES });

export const CampaignRunRef = builder.loadableNodeRef('CampaignRun', {
  id: { resolve: (run: CampaignRun) => run.id },
  load: (ids: string[], context) => loadVisible(context, CampaignRun, ids) as Promise<CampaignRun[]>,
});

CampaignRunRef.implement({
  description: 'One execution of a campaign, with its token overrides, status and progress counters.',
  fields: (t) => ({
    campaign: t.field({ type: CampaignRef, resolve: (run) => run.campaign.id }),
    kind: t.field({ type: RunKindEnum, resolve: (run) => run.kind }),
    status: t.field({ type: RunStatusEnum, resolve: (run) => run.status }),
    scheduledFor: t.field({ type: 'DateTime', nullable: true, resolve: (run) => run.scheduledFor ?? null }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (run) => run.startedAt ?? null }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (run) => run.finishedAt ?? null }),
    leadsTotal: t.int({
      nullable: true,
      description: 'Known once the audience is: null while a batch run has not started.',
      resolve: (run) => run.leadsTotal ?? null,
    }),
    leadsProcessed: t.exposeInt('leadsProcessed'),
    leadsQualified: t.exposeInt('leadsQualified'),
    error: t.string({ nullable: true, resolve: (run) => run.error ?? null }),
  }),
});

builder.objectFields(CampaignRunRef, (t) => ({
  tokens: t.field({
    type: [TokenRef],
    description: 'The My Tokens passed for this run only; they override the stored values.',
    resolve: (run) =>
      run.tokens.map((token) => ({ ...token, definedBy: { ref: CampaignRunRef, id: run.id } })),
  }),
}));

const CampaignRunConnection = builder.connectionObject({
  type: CampaignRunRef,
  name: 'CampaignRunConnection',
});

builder.objectFields(CampaignRef, (t) => ({
  runs: t.field({
    type: CampaignRunConnection,
    description: 'Oldest first.',
    args: { first: t.arg.int({ required: false }), after: t.arg.string({ required: false }) },
    resolve: (campaign, args, context) =>
      idCursorPage<CampaignRun>(args, ({ after, limit }) =>
        context.em.find(
          CampaignRun,
          { campaign: campaign.id, ...(after && { id: { $gt: after } }) },
          { orderBy: { id: 'asc' }, limit },
        ),
      ),
  }),
}));

builder.queryFields((t) => ({
  campaignRun: t.field({
    type: CampaignRunRef,
    nullable: true,
    args: { id: t.arg.id() },
    resolve: (_root, args) => databaseId(args.id, 'CampaignRun'),
  }),
}));
