import type { FieldValue } from './model.js';
import { ownValue } from './own.js';

/** A field value an upsert changes on an existing lead (semantics S3: Data Value Changes). */
export interface ValueChange {
  leadId: string;
  attribute: string;
  oldValue: FieldValue;
  newValue: FieldValue;
}

/**
 * The field values an upsert changes on existing leads, in input order: a value written equal to
 * the stored one is no change. Leads are matched by email, case-insensitively.
 */
export function valueChanges(
  existing: readonly { id: string; email: string; fields: Readonly<Record<string, FieldValue>> }[],
  rows: readonly { email: string; fields: Readonly<Record<string, FieldValue>> }[],
): ValueChange[] {
  const byEmail = new Map(existing.map((lead) => [lead.email.toLowerCase(), lead]));
  return rows.flatMap((row) => {
    const lead = byEmail.get(row.email.toLowerCase());
    if (!lead) return [];
    return Object.entries(row.fields)
      .filter(
        ([attribute, value]) =>
          JSON.stringify(ownValue(lead.fields, attribute) ?? null) !== JSON.stringify(value),
      )
      .map(([attribute, newValue]) => ({
        leadId: lead.id,
        attribute,
        oldValue: ownValue(lead.fields, attribute) ?? null,
        newValue,
      }));
  });
}
