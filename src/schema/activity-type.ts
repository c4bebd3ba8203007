import { ACTIVITY_TYPES } from '../domain/model.js';
import { builder } from './builder.js';
import { describedValues } from './enum-values.js';

export const ActivityTypeEnum = builder.enumType('ActivityType', {
  description: 'What an activity records: the flow step that wrote it, or NEW_LEAD.',
  values: describedValues(ACTIVITY_TYPES, {
    EXECUTE_CAMPAIGN: 'An Execute Campaign step: whether the lead qualified for the executable campaign.',
    CHANGE_SCORE: 'A Change Score step: the score field, the change and the old and new values.',
    CHANGE_DATA_VALUE:
      'A field changed: by a Change Data Value step, or by upsertLeads (attributes.source is then API).',
    REQUEST_CAMPAIGN: 'A Request Campaign step: the trigger campaign it requested for the lead.',
    CAMPAIGN_IS_REQUESTED:
      'The lead was requested into this trigger campaign (by requestCampaign or a step).',
    REMOVE_FROM_FLOW: 'A Remove from Flow step: the campaigns named and those it stopped.',
    ADD_TO_LIST: 'An Add to List step: the static list.',
    REMOVE_FROM_LIST: 'A Remove from List step: the static list.',
    CHANGE_PROGRAM_STATUS: 'A Change Program Status step: the program and the old and new status.',
    WAIT: 'A Wait step: its seconds and when the flow resumes.',
    CALL_WEBHOOK: 'A Call Webhook step: the request and the response status.',
    INTERESTING_MOMENT: 'An Interesting Moment step: its kind and text.',
    NEW_LEAD: 'upsertLeads created the lead (no run).',
  }),
});
