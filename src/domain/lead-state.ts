import type { Activity, FieldType, FieldValue, Lead } from './model.js';
import { ownValue } from './own.js';

/** The lead as a flow changes it: a private, mutable copy of the input lead. */
export interface LeadState {
  readonly id: string;
  readonly email: string;
  readonly fields: Record<string, FieldValue>;
  readonly lists: Set<string>;
  readonly memberships: Record<string, string>;
  /** Stored activities matching the criteria read, by criteria key (semantics S5). */
  readonly activityCounts: Readonly<Record<string, number>>;
  /** What the flow has written for the lead so far, in order: history its later steps see (semantics S5, E2). */
  readonly activities: Activity[];
}

/** A lead field as the domain resolves it: its stored name and type. */
export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
}

/** Field definitions by lower-case name, `email` and `score` included. */
export type FieldIndex = ReadonlyMap<string, FieldDefinition>;

/** The pseudo-field every lead has; it lives outside `fields`. */
export const EMAIL_FIELD: FieldDefinition = { name: 'email', type: 'STRING' };

/**
 * Copies a lead so that a flow can change it without touching the caller's object; `activities` is
 * where the flow writes (none yet for a smart list read outside a flow).
 */
export function leadStateOf(lead: Lead, activities: Activity[] = []): LeadState {
  return {
    id: lead.id,
    email: lead.email,
    fields: { ...lead.fields },
    lists: new Set(lead.listIds),
    memberships: { ...lead.programMemberships },
    activityCounts: lead.activityCounts ?? {},
    activities,
  };
}

/** Indexes field types by lower-case name; `score` exists by default and `email` always. */
export function indexFields(fields: Readonly<Record<string, FieldType>>): FieldIndex {
  const index = new Map<string, FieldDefinition>([['score', { name: 'score', type: 'SCORE' }]]);
  for (const [name, type] of Object.entries(fields)) index.set(name.toLowerCase(), { name, type });
  index.set('email', EMAIL_FIELD);
  return index;
}

/** A field's current value; an unset SCORE field reads 0. */
export function readField(lead: LeadState, field: FieldDefinition): FieldValue {
  if (field === EMAIL_FIELD) return lead.email;
  const value = ownValue(lead.fields, field.name) ?? null;
  return value === null && field.type === 'SCORE' ? 0 : value;
}

/** A field value as text, for tokens and activity details; null is empty. */
export function formatValue(value: FieldValue): string {
  return value === null ? '' : String(value);
}
