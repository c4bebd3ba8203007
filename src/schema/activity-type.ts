import { ACTIVITY_TYPES } from '../domain/model.js';
import { builder } from './builder.js';

export const ActivityTypeEnum = builder.enumType('ActivityType', { values: ACTIVITY_TYPES });
