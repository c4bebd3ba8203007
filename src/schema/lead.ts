import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { idempotently } from '../commands/idempotency.js';
import { defineLeadField, upsertLeads } from '../commands/leads.js';
import { Lead } from '../db/entities/lead.entity.js';
import { LeadField } from '../db/entities/lead-field.entity.js';
import { ProgramMember } from '../db/entities/program-member.entity.js';
import { StaticListMember } from '../db/entities/static-list.entity.js';
import { type LeadRecord, readLeadRecords } from '../db/sql/leads.js';
import { BUILT_IN_FIELDS, readFieldValues } from '../domain/field-values.js';
import { FIELD_TYPES, type FieldType, type FieldValue } from '../domain/model.js';
import { afterEachMutation } from './after-mutation-plugin.js';
import { builder } from './builder.js';
import type { GraphQLContext } from './context.js';
import { COST } from './cost.js';
import { describedValues } from './enum-values.js';
import { userError } from './errors.js';
import { IDEMPOTENCY_KEY_DESCRIPTION, idempotentRequest } from './idempotency.js';
import { databaseId, isDatabaseId } from './ids.js';
import { StaticListRef } from './list.js';
import { loadVisibleRecords, objectsInHand } from './loading.js';
import { pageArgs } from './page-args.js';
import { idCursorPage, idWithin } from './paging.js';
import { ProgramRef } from './program.js';
import { requireWorkspace, WorkspaceRef } from './tenancy.js';

export const MAX_UPSERT = 1000;

const FieldTypeEnum = builder.enumType('FieldType', {
  description: 'The type of a lead field’s values, checked on every write.',
  values: describedValues(FIELD_TYPES, {
    STRING: 'Text, at most 10,000 characters.',
    INTEGER: 'A 32-bit signed integer (-2147483648 to 2147483647).',
    FLOAT: 'A finite number.',
    BOOLEAN: 'true or false.',
    DATETIME: 'An ISO-8601 date and time; stored in UTC.',
    SCORE: 'An integer changed by Change Score steps; 0 until set.',
  }),
});

/**
 * Every field of a workspace, built-in ones first, loaded once per request and workspace.
 * Field names are matched case-insensitively everywhere.
 */
export const workspaceFields = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, { name: string; type: FieldType }[]>(async (workspaceIds) => {
      const defined = await context.em.find(
        LeadField,
        { workspace: { $in: [...workspaceIds] } },
        { orderBy: { id: 'asc' } },
      );
      return workspaceIds.map((workspaceId) => [
        ...BUILT_IN_FIELDS,
        ...defined
          .filter((field) => field.workspace.id === workspaceId)
          .map((field) => ({ name: field.name, type: field.type })),
      ]);
    }),
);

/** The ids of the static lists each lead is on: one query for every lead of a request. */
const listIdsOfLead = createContextCache(
  (context: GraphQLContext) =>
    new DataLoader<string, string[]>(async (leadIds) => {
      const members = await context.em.find(
        StaticListMember,
        { lead: { $in: [...leadIds] } },
        { orderBy: { list: 'asc' } },
      );
      return leadIds.map((leadId) =>
        members.filter((member) => member.lead.id === leadId).map((member) => member.list.id),
      );
    }),
);

/** A lead field as shown: its workspace and name make its id. */
interface LeadFieldView {
  workspaceId: string;
  name: string;
  type: FieldType;
}

/** What a lead field's global id holds: its workspace and its name, lower-cased (semantics I2). */
interface LeadFieldId {
  workspaceId: string;
  key: string;
}

const LEAD_FIELD_ID = /^([0-9]+):(.+)$/s;

function leadFieldIdText({ workspaceId, key }: LeadFieldId): string {
  return `${workspaceId}:${key}`;
}

function leadFieldIdOf(field: LeadFieldView): LeadFieldId {
  return { workspaceId: field.workspaceId, key: field.name.toLowerCase() };
}

/** The workspace and key in a lead field id's text; null when it cannot name a field. */
function parseLeadFieldId(text: string): LeadFieldId | null {
  const [, workspaceId, key] = LEAD_FIELD_ID.exec(text) ?? [];
  return workspaceId && key && isDatabaseId(workspaceId) ? { workspaceId, key } : null;
}

/** The fields of a workspace as shown. */
async function leadFieldsOf(context: GraphQLContext, workspaceId: string): Promise<LeadFieldView[]> {
  const fields = await workspaceFields(context).load(workspaceId);
  return fields.map((field) => ({ workspaceId, ...field }));
}

/**
 * Lead fields by id, for node(id) and nodes(ids): null for a workspace that does not exist or that
 * the key may not see, and for a name the workspace does not define.
 */
async function loadLeadFields(
  ids: (LeadFieldId | null)[],
  context: GraphQLContext,
): Promise<(LeadFieldView | null)[]> {
  const workspaces = WorkspaceRef.getDataloader(context);
  return Promise.all(
    ids.map(async (id) => {
      if (!id || !(await workspaces.load(id.workspaceId))) return null;
      const fields = await leadFieldsOf(context, id.workspaceId);
      return fields.find((field) => leadFieldIdOf(field).key === id.key) ?? null;
    }),
  );
}

const LeadFieldRef = builder
  .nodeRef<LeadFieldView, LeadFieldId | null>('LeadField', {
    id: {
      description:
        'Stable: made of the workspace and the name, compared case-insensitively as field names are; the same across reads and in what defineLeadField returns.',
      resolve: (field) => leadFieldIdText(leadFieldIdOf(field)),
      parse: parseLeadFieldId,
    },
    loadMany: loadLeadFields,
  })
  .implement({
    description:
      'A typed lead field. `email` and the `score` score field exist in every workspace. Its id is its workspace and its name.',
    fields: (t) => ({
      name: t.exposeString('name', {
        description: 'As defined; fields are matched by name case-insensitively (the key in Lead.fields).',
      }),
      type: t.field({
        type: FieldTypeEnum,
        description: 'Its values’ type.',
        resolve: (field) => field.type,
      }),
    }),
  });

export const LeadRef = builder.loadableNodeRef('Lead', {
  id: { resolve: (lead: LeadRecord) => lead.id },
  load: (ids: string[], context) =>
    loadVisibleRecords(context, readLeadRecords, ids) as Promise<LeadRecord[]>,
});

// Loaded records are as they were read: a later mutation of the same document reads again.
afterEachMutation((context) => LeadRef.getDataloader(context).clearAll());

/** The leads of a page's rows, read ahead for them all (see `objectsInHand`). */
export const leadsInHand = objectsInHand<LeadRecord>((context) => LeadRef.getDataloader(context));

const ProgramMemberRef = builder.objectRef<ProgramMember>('ProgramMember').implement({
  description: 'A lead’s membership of a program.',
  fields: (t) => ({
    program: t.field({
      type: ProgramRef,
      description: 'The program.',
      resolve: (member) => member.program.id,
    }),
    status: t.exposeString('status', { description: 'The lead’s status in it: one of Program.statuses.' }),
  }),
});

/** Every field's value by name, as clients see it: unset fields are null, score fields 0. */
export function presentedFields(
  email: string,
  values: Readonly<Record<string, FieldValue>>,
  fields: { name: string; type: FieldType }[],
): Record<string, FieldValue> {
  const stored = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.fromEntries(
    fields.map((field) => {
      if (field.name === 'email') return [field.name, email];
      const value = stored.get(field.name.toLowerCase()) ?? null;
      return [field.name, field.type === 'SCORE' ? (value ?? 0) : value];
    }),
  );
}

LeadRef.implement({
  description: 'A person. Email is unique per workspace (case-insensitively).',
  fields: (t) => ({
    email: t.exposeString('email', {
      description: 'The lead’s email address: unique in its workspace, compared case-insensitively.',
    }),
    fields: t.field({
      type: 'JSON',
      description: 'Every field’s value by field name, score fields included (0 when never set).',
      resolve: async (lead, _args, context) =>
        presentedFields(lead.email, lead.fields, await workspaceFields(context).load(lead.workspace.id)),
    }),
    score: t.int({
      description: 'A score field’s value; 0 when never set.',
      args: {
        name: t.arg.string({
          required: false,
          defaultValue: 'score',
          description: 'The score field, any case.',
        }),
      },
      resolve: (lead, args) => {
        const wanted = (args.name ?? 'score').toLowerCase();
        const entry = Object.entries(lead.fields).find(([name]) => name.toLowerCase() === wanted);
        return typeof entry?.[1] === 'number' ? entry[1] : 0;
      },
    }),
    lists: t.field({
      type: [StaticListRef],
      description: 'The static lists the lead is on.',
      resolve: (lead, _args, context) => listIdsOfLead(context).load(lead.id),
    }),
    programMemberships: t.loadableGroup({
      type: ProgramMemberRef,
      description: 'The programs the lead is a member of, with its status in each, oldest program first.',
      resolve: (lead) => lead.id,
      group: (member: ProgramMember) => member.lead.id,
      load: (leadIds: string[], context) =>
        context.em.find(ProgramMember, { lead: { $in: leadIds } }, { orderBy: { program: 'asc' } }),
    }),
  }),
});

builder.queryFields((t) => ({
  lead: t.field({
    type: LeadRef,
    nullable: true,
    description: 'Null when it does not exist or belongs to a workspace the key may not see.',
    args: { id: t.arg.id({ description: 'The lead’s global id.' }) },
    resolve: (_root, args) => databaseId(args.id, 'Lead'),
  }),
}));

const LeadConnection = builder.connectionObject(
  { type: LeadRef, name: 'LeadConnection', description: 'A page of leads, in creation order.' },
  { description: 'A lead and its cursor.' },
);

builder.objectFields(WorkspaceRef, (t) => ({
  leadFields: t.field({
    type: [LeadFieldRef],
    description: 'Built-in fields first, then the defined ones in the order they were defined.',
    resolve: (workspace, _args, context) => leadFieldsOf(context, workspace.id),
  }),
  leads: t.field({
    type: LeadConnection,
    description: 'In creation order.',
    complexity: COST.page,
    args: pageArgs,
    resolve: (workspace, args, context) =>
      idCursorPage<Lead>(args, (read) =>
        context.em.find(
          Lead,
          { workspace: workspace.id, ...idWithin(read) },
          { orderBy: { id: read.order }, limit: read.limit },
        ),
      ),
  }),
}));

/** Input field values keyed by their defined names, each checked against its field's type. */
function checkedFields(
  input: unknown,
  fields: { name: string; type: FieldType }[],
  where: string,
): Record<string, FieldValue> {
  const checked = readFieldValues(input, fields);
  if (!checked.ok) throw userError('BAD_USER_INPUT', `${where}: ${checked.reason}`);
  return checked.values;
}

const LeadInputRef = builder.inputType('LeadInput', {
  description: 'A lead to insert or update, found by email.',
  fields: (t) => ({
    email: t.string({
      description:
        'An email address, at most 254 characters, trimmed; matched case-insensitively, at most once per call.',
    }),
    fields: t.field({
      type: 'JSON',
      required: false,
      description:
        'An object of values by defined field name, each of its field’s type; null clears one; absent fields stay unchanged.',
    }),
  }),
});

const email = z.email('must be an email address').max(254, 'must be at most 254 characters');

builder.mutationFields((t) => ({
  upsertLeads: t.field({
    type: [LeadRef],
    description: `Inserts or updates by email (case-insensitively), at most ${MAX_UPSERT} per call; only the given fields change. New leads get a NEW_LEAD activity, changed values of existing ones a CHANGE_DATA_VALUE activity (and start Lead is Created / Data Value Changes listeners). All or nothing.`,
    args: {
      workspaceId: t.arg.id({ description: 'The workspace of the leads.' }),
      leads: t.arg({
        type: [LeadInputRef],
        description: `At most ${MAX_UPSERT}; returned in the same order.`,
      }),
      idempotencyKey: t.arg.string({ required: false, description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    resolve: async (_root, args, context, info) => {
      const request = idempotentRequest(context, info, args);
      const workspace = await requireWorkspace(context, args.workspaceId);
      if (args.leads.length > MAX_UPSERT)
        throw userError('BAD_USER_INPUT', `At most ${MAX_UPSERT} leads per call`);
      const fields = await workspaceFields(context).load(workspace.id);
      const seen = new Set<string>();
      const rows = args.leads.map((lead, index) => {
        const where = `leads[${index}]`;
        const address = email.safeParse(lead.email.trim());
        if (!address.success)
          throw userError('BAD_USER_INPUT', `${where}: email ${address.error.issues[0]?.message}`);
        const key = address.data.toLowerCase();
        if (seen.has(key)) throw userError('BAD_USER_INPUT', `${where}: ${address.data} appears twice`);
        seen.add(key);
        return { email: address.data, fields: checkedFields(lead.fields, fields, where) };
      });
      const ids = await idempotently(context, request, {
        run: (ctx) => upsertLeads(ctx, workspace.id, rows),
        keep: (leadIds) => leadIds,
        replay: async (leadIds) => leadIds as string[],
      });
      const leads = await context.em.find(Lead, { id: { $in: ids } }, { refresh: true });
      const byId = new Map(leads.map((lead) => [lead.id, lead]));
      return ids.map((id) => byId.get(id) as Lead);
    },
  }),
  defineLeadField: t.field({
    type: LeadFieldRef,
    description:
      'Adds a typed field to the workspace’s leads. Names are unique, case-insensitively. Returns the field with the id every later read gives it.',
    args: {
      workspaceId: t.arg.id({ description: 'The workspace whose leads get the field.' }),
      name: t.arg.string({
        description:
          'Starts with a letter; letters, digits, spaces, _ and -; at most 100 characters; not a name already defined (any case).',
      }),
      type: t.arg({ type: FieldTypeEnum, description: 'The type of its values; it never changes.' }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const existing = await workspaceFields(context).load(workspace.id);
      const field = await defineLeadField(
        context,
        workspace,
        { name: args.name, type: args.type },
        existing.map((defined) => defined.name),
      );
      workspaceFields(context).clear(workspace.id);
      return { workspaceId: workspace.id, name: field.name, type: field.type };
    },
  }),
}));
