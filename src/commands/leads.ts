import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { loadListeners } from '../db/definitions.js';
import { LeadField } from '../db/entities/lead-field.entity.js';
import type { Workspace } from '../db/entities/workspace.entity.js';
import { type ApiActivity, insertApiActivities } from '../db/sql/activities.js';
import { type LeadRow, lockLeadsByEmail, upsertLeadRows } from '../db/sql/leads.js';
import { insertTriggeredRuns } from '../db/sql/runs.js';
import { DomainError } from '../domain/errors.js';
import { requireFieldName } from '../domain/field-values.js';
import { valueChanges } from '../domain/lead-changes.js';
import type { FieldType } from '../domain/model.js';
import { type LeadEvent, triggeredRuns } from '../domain/triggers.js';
import type { CommandContext } from './context.js';

/**
 * Inserts or updates leads by email, all or nothing: new leads get a NEW_LEAD activity, changed
 * values of existing ones a CHANGE_DATA_VALUE activity with source API, and the ACTIVE listeners of
 * Lead is Created and Data Value Changes get their runs, queued in the same transaction. `rows` are
 * checked already (one per email, values of the workspace's fields). Returns the leads' ids in
 * input order.
 */
export async function upsertLeads(
  ctx: CommandContext,
  workspaceId: string,
  rows: LeadRow[],
): Promise<string[]> {
  const { ids, wroteActivities } = await ctx.em.transactional(async (em) => {
    const before = await lockLeadsByEmail(
      em,
      workspaceId,
      rows.map((row) => row.email),
    );
    const upserted = await upsertLeadRows(em, workspaceId, rows);
    const created = upserted.filter((row) => row.inserted);
    const changes = valueChanges(before, rows);
    const events: LeadEvent[] = [
      ...created.map((row) => ({
        leadId: row.id,
        event: { kind: 'LEAD_IS_CREATED' as const, email: row.email },
      })),
      ...changes.map(({ leadId, attribute, oldValue, newValue }) => ({
        leadId,
        event: { kind: 'DATA_VALUE_CHANGES' as const, attribute, oldValue, newValue },
      })),
    ];
    if (events.length > 0) {
      await insertTriggeredRuns(
        em,
        workspaceId,
        1,
        triggeredRuns(await loadListeners(em, workspaceId), events),
      );
    }
    const activities: ApiActivity[] = [
      ...created.map((row) => ({
        leadId: row.id,
        type: 'NEW_LEAD' as const,
        primary: row.email,
        attributes: {},
      })),
      ...changes.map(({ leadId, attribute, oldValue, newValue }) => ({
        leadId,
        type: 'CHANGE_DATA_VALUE' as const,
        primary: attribute,
        attributes: { attribute, oldValue, newValue, source: 'API' },
      })),
    ];
    // Activities last: their commit-order lock is then held only until the commit, and not taken
    // at all by an upsert that changed nothing.
    await insertApiActivities(em, workspaceId, activities);
    const idByEmail = new Map(upserted.map((row) => [row.email.toLowerCase(), row.id]));
    return {
      ids: rows.map((row) => idByEmail.get(row.email.toLowerCase()) as string),
      wroteActivities: activities.length > 0,
    };
  });
  if (wroteActivities) await ctx.announcer.activitiesCommitted(workspaceId);
  return ids;
}

/**
 * Adds a typed field to the workspace's leads. Its name must be one `requireFieldName` accepts;
 * `taken` are the names the workspace has, built-in ones included: one of them is refused,
 * case-insensitively.
 */
export async function defineLeadField(
  ctx: CommandContext,
  workspace: Workspace,
  given: { name: string; type: FieldType },
  taken: readonly string[],
): Promise<LeadField> {
  const field = { name: requireFieldName(given.name), type: given.type };
  const refusal = () => new DomainError('BAD_USER_INPUT', `The field ${field.name} already exists`);
  if (taken.some((name) => name.toLowerCase() === field.name.toLowerCase())) throw refusal();
  const created = ctx.em.create(LeadField, { workspace, ...field });
  try {
    await ctx.em.flush();
  } catch (error) {
    // Another call defined the same name meanwhile: the unique index is the final judge.
    if (error instanceof UniqueConstraintViolationException) throw refusal();
    throw error;
  }
  return created;
}
