import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { FieldValue } from '../../domain/model.js';
import { createdAt, id, updatedAt, Workspace } from './workspace.entity.js';

/**
 * A person. Field values, score fields included, live in one jsonb object keyed by field name, so
 * that a run's change to one lead is a single-row update that PostgreSQL serialises (semantics R3).
 */
export const Lead = defineEntity({
  name: 'Lead',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    email: p.text(),
    fields: p.json<Record<string, FieldValue>>().default('{}'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  indexes: [{ name: 'lead_workspace_id_index', properties: ['workspace', 'id'] }],
  uniques: [
    {
      name: 'lead_workspace_email_unique',
      expression:
        'create unique index "lead_workspace_email_unique" on "lead" ("workspace_id", lower("email"))',
    },
  ],
});
export type Lead = InferEntity<typeof Lead>;
