import { encodeGlobalID } from '@pothos/plugin-relay';
import { ACTIVITY_TYPES } from '../db/entities/activity.entity.js';
import type { JsonValue } from '../domain/model.js';
import { builder } from './builder.js';

export const ActivityTypeEnum = builder.enumType('ActivityType', { values: ACTIVITY_TYPES });

/** Attribute keys that hold database ids, and the type whose global id clients know them by. */
const ID_ATTRIBUTES: Record<string, string> = {
  executedCampaignId: 'Campaign',
  requestedCampaignId: 'Campaign',
  campaignIds: 'Campaign',
  stoppedCampaignIds: 'Campaign',
  listId: 'StaticList',
  programId: 'Program',
};

/** Activity attributes as clients see them: ids are the global ids the rest of the API uses. */
export function presentAttributes(
  attributes: Readonly<Record<string, JsonValue>>,
): Record<string, JsonValue> {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => {
      const typename = ID_ATTRIBUTES[key];
      if (!typename) return [key, value];
      if (Array.isArray(value)) return [key, value.map((id) => encodeGlobalID(typename, String(id)))];
      return [key, typeof value === 'string' ? encodeGlobalID(typename, value) : value];
    }),
  );
}
