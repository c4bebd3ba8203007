import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { FIELD_TYPES } from '../../domain/model.js';
import { createdAt, id, Workspace } from './workspace.entity.js';

/** A typed lead field of a workspace. `email` and the `score` score field exist without one. */
export const LeadField = defineEntity({
  name: 'LeadField',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace),
    name: p.text(),
    type: p.enum([...FIELD_TYPES]),
    createdAt: createdAt(),
  },
  uniques: [
    {
      name: 'lead_field_workspace_name_unique',
      expression:
        'create unique index "lead_field_workspace_name_unique" on "lead_field" ("workspace_id", lower("name"))',
    },
  ],
});
export type LeadField = InferEntity<typeof LeadField>;
