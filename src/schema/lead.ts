import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { Lead } from '../db/entities/lead.entity.js';
import { LeadField } from '../db/entities/lead-field.entity.js';
import { ProgramMember } from '../db/entities/program-member.entity.js';
import { StaticListMember } from '../db/entities/static-list.entity.js';
import { query } from '../db/sql/query.js';
import { BUILT_IN_FIELDS, readFieldValues } from '../domain/field-values.js';
import { FIELD_TYPES, type FieldType, type FieldValue } from '../domain/model.js';
import { loadListeners } from '../runs/definitions.js';
import { queueTriggeredRuns } from '../runs/triggers.js';
import { announceActivities } from './announce.js';
import { builder } from './builder.js';
import { idCursorPage } from './campaign.js';
import type { GraphQLContext } from './context.js';
import { describedValues } from './enum-values.js';
import { userError } from './errors.js';
import { databaseId } from './ids.js';
import { StaticListRef } from './list.js';
import { loadVisible } from './loading.js';
import { ProgramRef } from './program.js';
import { requireWorkspace, WorkspaceRef } from './tenancy.js';

export const MAX_UPSERT = 1000;

const FieldTypeEnum = builder.enumType('FieldType', {
  values: describedValues(FIELD_TYPES, {
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

const LeadFieldRef = builder.objectRef<{ name: string; type: FieldType }>('LeadField').implement({
  description: 'A typed lead field. `email` and the `score` score field exist in every workspace.',
  fields: (t) => ({
    name: t.exposeString('name'),
    type: t.field({ type: FieldTypeEnum, resolve: (field) => field.type }),
  }),
});

export const LeadRef = builder.loadableNodeRef('Lead', {
  id: { resolve: (lead: Lead) => lead.id },
  load: (ids: string[], context) => loadVisible(context, Lead, ids) as Promise<Lead[]>,
});

const ProgramMemberRef = builder.objectRef<ProgramMember>('ProgramMember').implement({
  description: 'A lead’s membership of a program.',
  fields: (t) => ({
    program: t.field({ type: ProgramRef, resolve: (member) => member.program.id }),
    status: t.exposeString('status'),
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
    email: t.exposeString('email'),
    fields: t.field({
      type: 'JSON',
      description: 'Every field’s value by field name, score fields included (0 when never set).',
      resolve: async (lead, _args, context) =>
        presentedFields(lead.email, lead.fields, await workspaceFields(context).load(lead.workspace.id)),
    }),
    score: t.int({
      description: 'A score field’s value; 0 when never set.',
      args: { name: t.arg.string({ required: false, defaultValue: 'score' }) },
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
    args: { id: t.arg.id() },
    resolve: (_root, args) => databaseId(args.id, 'Lead'),
  }),
}));

const LeadConnection = builder.connectionObject({ type: LeadRef, name: 'LeadConnection' });

builder.objectFields(WorkspaceRef, (t) => ({
  leadFields: t.field({
    type: [LeadFieldRef],
    description: 'Built-in fields first, then the defined ones in the order they were defined.',
    resolve: (workspace, _args, context) => workspaceFields(context).load(workspace.id),
  }),
  leads: t.field({
    type: LeadConnection,
    description: 'In creation order.',
    args: { first: t.arg.int({ required: false }), after: t.arg.string({ required: false }) },
    resolve: (workspace, args, context) =>
      idCursorPage<Lead>(args, ({ after, limit }) =>
        context.em.find(
          Lead,
          { workspace: workspace.id, ...(after && { id: { $gt: after } }) },
          { orderBy: { id: 'asc' }, limit },
        ),
      ),
  }),
}));

const fieldName = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z][A-Za-z0-9 _-]{0,99}$/,
    'must start with a letter and hold only letters, digits, spaces, _ and - (at most 100 characters)',
  );

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

/**
 * The field values an upsert changes on existing leads (S3: Data Value Changes), in input order:
 * a value written equal to the stored one is no change.
 */
function valueChanges(
  before: { id: string; key: string; fields: Record<string, unknown> }[],
  rows: { email: string; fields: Record<string, unknown> }[],
) {
  const existing = new Map(before.map((lead) => [lead.key, lead]));
  return rows.flatMap((row) => {
    const lead = existing.get(row.email.toLowerCase());
    if (!lead) return [];
    return Object.entries(row.fields)
      .filter(
        ([attribute, value]) => JSON.stringify(lead.fields[attribute] ?? null) !== JSON.stringify(value),
      )
      .map(([attribute, newValue]) => ({
        leadId: lead.id,
        attribute,
        oldValue: lead.fields[attribute] ?? null,
        newValue,
      }));
  });
}

const LeadInputRef = builder.inputType('LeadInput', {
  fields: (t) => ({
    email: t.string(),
    fields: t.field({ type: 'JSON', required: false, description: 'Values by field name; null clears one.' }),
  }),
});

const email = z.email('must be an email address').max(254, 'must be at most 254 characters');

builder.mutationFields((t) => ({
  upsertLeads: t.field({
    type: [LeadRef],
    description: `Inserts or updates by email (case-insensitively), at most ${MAX_UPSERT} per call; only the given fields change. New leads get a NEW_LEAD activity, changed values of existing ones a CHANGE_DATA_VALUE activity (and start Lead is Created / Data Value Changes listeners). All or nothing.`,
    args: { workspaceId: t.arg.id(), leads: t.arg({ type: [LeadInputRef] }) },
    resolve: async (_root, args, context) => {
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
      const { ids, wroteActivities } = await context.em.transactional(async (em) => {
        const connection = em.getConnection();
        // The existing leads, locked in the order the upsert takes them (no deadlock between two
        // upserts), so the values they had are the ones the upsert replaces.
        const before: { id: string; key: string; fields: Record<string, unknown> }[] =
          await connection.execute(
            `select id::text, lower(email) as key, fields from lead
           where workspace_id = ? and lower(email) in (select lower(value) from jsonb_array_elements_text(?::jsonb))
           order by lower(email) for update`,
            [workspace.id, JSON.stringify(rows.map((row) => row.email))],
            'all',
            em.getTransactionContext(),
          );
        const upserted: { id: string; email: string; inserted: boolean }[] = await connection.execute(
          `insert into lead (workspace_id, email, fields, created_at, updated_at)
           select ?, row.email, row.fields, now(), now() from jsonb_to_recordset(?::jsonb) as row(email text, fields jsonb)
           order by lower(row.email)
           on conflict (workspace_id, lower(email)) do update set fields = lead.fields || excluded.fields, updated_at = now()
           returning id, email, (xmax = 0) as inserted`,
          [workspace.id, JSON.stringify(rows)],
          'all',
          em.getTransactionContext(),
        );
        const created = upserted.filter((row) => row.inserted).map((row) => String(row.id));
        const changes = valueChanges(before, rows);
        await queueTriggeredRuns(
          em,
          workspace.id,
          await loadListeners(em, workspace.id),
          [
            ...created.map((leadId) => ({ leadId, event: { kind: 'LEAD_IS_CREATED' as const } })),
            ...changes.map(({ leadId, attribute }) => ({
              leadId,
              event: { kind: 'DATA_VALUE_CHANGES' as const, attribute },
            })),
          ],
          1,
        );
        const activities = [
          ...upserted
            .filter((row) => row.inserted)
            .map((row) => ({ leadId: String(row.id), type: 'NEW_LEAD', primary: row.email, attributes: {} })),
          ...changes.map(({ leadId, attribute, oldValue, newValue }) => ({
            leadId,
            type: 'CHANGE_DATA_VALUE',
            primary: attribute,
            attributes: { attribute, oldValue, newValue, source: 'API' },
          })),
        ];
        // Activities last: their commit-order lock is then held only until the commit, and not
        // taken at all by an upsert that changed nothing.
        if (activities.length > 0) {
          await query(
            em,
            `insert into activity (workspace_id, lead_id, type, occurred_at, primary_attribute_value, attributes)
             select ?, (a.value->>'leadId')::bigint, a.value->>'type', now(), a.value->>'primary', a.value->'attributes'
             from jsonb_array_elements(?::jsonb) with ordinality as a(value, position) order by a.position`,
            [workspace.id, JSON.stringify(activities)],
          );
        }
        const idByEmail = new Map(upserted.map((row) => [row.email.toLowerCase(), String(row.id)]));
        return {
          ids: rows.map((row) => idByEmail.get(row.email.toLowerCase()) as string),
          wroteActivities: activities.length > 0,
        };
      });
      if (wroteActivities) await announceActivities(context, workspace.id);
      const leads = await context.em.find(Lead, { id: { $in: ids } }, { refresh: true });
      const byId = new Map(leads.map((lead) => [lead.id, lead]));
      return ids.map((id) => byId.get(id) as Lead);
    },
  }),
  defineLeadField: t.field({
    type: LeadFieldRef,
    description: 'Adds a typed field to the workspace’s leads. Names are unique, case-insensitively.',
    args: {
      workspaceId: t.arg.id(),
      name: t.arg.string({ validate: fieldName }),
      type: t.arg({ type: FieldTypeEnum }),
    },
    resolve: async (_root, args, context) => {
      const workspace = await requireWorkspace(context, args.workspaceId);
      const existing = await workspaceFields(context).load(workspace.id);
      if (existing.some((field) => field.name.toLowerCase() === args.name.toLowerCase())) {
        throw userError('BAD_USER_INPUT', `The field ${args.name} already exists`);
      }
      const field = context.em.create(LeadField, { workspace, name: args.name, type: args.type });
      try {
        await context.em.flush();
      } catch (error) {
        // Another call defined the same name meanwhile: the unique index is the final judge.
        if (error instanceof UniqueConstraintViolationException) {
          throw userError('BAD_USER_INPUT', `The field ${args.name} already exists`);
        }
        throw error;
      }
      workspaceFields(context).clear(workspace.id);
      return { name: field.name, type: field.type };
    },
  }),
}));
