import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldValue } from '../../domain/model.js';
import { query } from './query.js';

/** A lead as an upsert reads it before changing it. */
export interface StoredLead {
  id: string;
  email: string;
  fields: Record<string, FieldValue>;
}

/** A lead to insert, or whose given fields to change, matched by email case-insensitively. */
export interface LeadRow {
  email: string;
  fields: Record<string, FieldValue>;
}

/**
 * The workspace's leads with these emails, locked in the order an upsert takes them (no deadlock
 * between two upserts), so the values they had are the ones the upsert replaces.
 */
export function lockLeadsByEmail(
  em: EntityManager,
  workspaceId: string,
  emails: string[],
): Promise<StoredLead[]> {
  return query<StoredLead>(
    em,
    `select id::text, email, fields from lead
     where workspace_id = ? and lower(email) in (select lower(value) from jsonb_array_elements_text(?::jsonb))
     order by lower(email) for update`,
    [workspaceId, JSON.stringify(emails)],
  );
}

/** Inserts the leads or merges the given fields into the existing ones; says which were inserted. */
export function upsertLeadRows(
  em: EntityManager,
  workspaceId: string,
  rows: LeadRow[],
): Promise<{ id: string; email: string; inserted: boolean }[]> {
  return query(
    em,
    `insert into lead (workspace_id, email, fields, created_at, updated_at)
     select ?, row.email, row.fields, now(), now() from jsonb_to_recordset(?::jsonb) as row(email text, fields jsonb)
     order by lower(row.email)
     on conflict (workspace_id, lower(email)) do update set fields = lead.fields || excluded.fields, updated_at = now()
     returning id::text, email, (xmax = 0) as inserted`,
    [workspaceId, JSON.stringify(rows)],
  );
}

/** A lead as the API shows it: plain data in the entity's shape (so that the entity is one too). */
export interface LeadRecord {
  id: string;
  workspace: { id: string };
  email: string;
  fields: Record<string, FieldValue>;
}

/** A `lead` row as a LeadRecord. */
export const LEAD_RECORD_COLUMNS = `id::text, jsonb_build_object('id', workspace_id::text) as workspace, email, fields`;

/** LeadRecords as one JSON object of a list per column (see `leadRecordsOf`). */
export interface LeadRecordColumns {
  id: string[] | null;
  workspace_id: string[] | null;
  email: string[] | null;
  fields: Record<string, FieldValue>[] | null;
}

/**
 * The leads of `from` (a FROM clause naming `lead`'s columns) as LeadRecordColumns: a list per
 * column, as an activity page's rows (cheaper to build and to parse than json_agg of whole rows).
 */
export const leadRecordColumnsSql = (from: string) =>
  `(select json_build_object('id', json_agg(id::text), 'workspace_id', json_agg(workspace_id::text),
      'email', json_agg(email), 'fields', json_agg(fields)) ${from})`;

/** The LeadRecords of `leadRecordColumnsSql`. */
export function leadRecordsOf(columns: LeadRecordColumns | null): LeadRecord[] {
  return (columns?.id ?? []).map((id, index) => ({
    id,
    workspace: { id: columns?.workspace_id?.[index] as string },
    email: columns?.email?.[index] as string,
    fields: columns?.fields?.[index] ?? {},
  }));
}

/** Leads by id, as plain records: reading them for display needs no entity (nor its hydration). */
export function readLeadRecords(em: EntityManager, ids: readonly string[]): Promise<LeadRecord[]> {
  return query<LeadRecord>(
    em,
    `select ${LEAD_RECORD_COLUMNS} from lead where id = any(?::bigint[])`,
    [`{${ids.filter((id) => /^[0-9]+$/.test(id)).join(',')}}`],
    { prepared: 'fixed' },
  );
}
