import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Demo } from './create-demo.js';

/**
 * The two operations to paste, with the demo's own ids written in: no id to look up. The first
 * runs both parents now; the second shows what they did. Each run of the first adds new activity.
 */
export function demoOperations(demo: Demo): { run: string; activities: string } {
  const campaign = (key: keyof Demo['campaigns']) =>
    JSON.stringify(encodeGlobalID('Campaign', demo.campaigns[key]));
  return {
    run: `mutation RunDemo {
  tokenContextTrue: scheduleCampaign(campaignId: ${campaign('parentTrue')}) { id status }
  tokenContextFalse: scheduleCampaign(campaignId: ${campaign('parentFalse')}) { id status }
}`,
    activities: `query DemoActivities {
  activities(first: 100, filter: { types: [EXECUTE_CAMPAIGN, CHANGE_SCORE] }) {
    edges {
      node {
        type
        campaign { name }
        lead { email score }
        ... on ExecuteCampaignActivity { qualified reason useParentTokenContext }
        ... on ChangeScoreActivity { change newValue }
      }
    }
  }
}`,
  };
}

/** What `npm start` (on a new database) and `npm run demo` print about the demo. */
export function demoInstructions(demo: Demo, graphqlUrl: string): string {
  const { run, activities } = demoOperations(demo);
  return [
    `Demo workspace "${demo.workspace.name}": the Execute Campaign example, ready to run.`,
    `Its API key (shown only now; the admin key sees the demo too): ${demo.apiKey}`,
    `Open ${graphqlUrl}, put {"Authorization": "Bearer ${demo.apiKey}"} in the Headers tab and run`,
    '',
    run,
    '',
    'then this, to see the Execute Campaign activities (Qualified TRUE and FALSE) and the scores:',
    '',
    activities,
    '',
    'Each new RunDemo adds activity: the parents and the child qualify every time.',
    '',
  ].join('\n');
}
