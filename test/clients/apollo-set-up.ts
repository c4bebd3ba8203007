import { gql, type TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import generated from '../../src/generated/possible-types.js';

/** The Apollo Client set-up of docs/client-codegen.md, and the feed documents its tests cache. */

const { possibleTypes } = generated;

// The code of docs/client-codegen.md, from VALUE_TYPES to typePolicies: apollo-cache.test.ts compares the two.
/** Objects without an id that a field holds alone (not in a list): merged into what is cached. */
const VALUE_TYPES = [
  'ActivityBatch',
  'ActivityCriteria',
  'CampaignResults',
  'CampaignSchedule',
  'ExecuteCampaignActivityBatch',
  'PageInfo',
  'QualificationRule',
  'QualificationRuleVerdict',
  'Recurrence',
  'Simulation',
  'SmartListFilter',
  'Viewer',
  ...possibleTypes.FlowAction, // a step's or a choice's action: AddToList, ChangeScore, Wait...
];
const value = { merge: true };
/** A list is the server's answer as a whole: a shorter one replaces the cached one, silently. */
const replaceList = { merge: false };

const typePolicies: TypePolicies = {
  ...Object.fromEntries(VALUE_TYPES.map((type) => [type, value])),
  SmartListDefinition: { merge: true, fields: { filters: replaceList, triggers: replaceList } },
  Query: { fields: { activities: relayStylePagination(['filter']) } },
  Workspace: {
    fields: {
      campaigns: relayStylePagination(['type']),
      leads: relayStylePagination(),
      leadFields: replaceList,
    },
  },
  Campaign: {
    fields: {
      runs: relayStylePagination(),
      activities: relayStylePagination(['filter']),
      flow: replaceList,
      problems: replaceList,
    },
  },
  CampaignRun: { fields: { activities: relayStylePagination(['filter']) } },
  Lead: { fields: { activities: relayStylePagination(['filter']) } },
  Folder: { fields: { tokens: replaceList } },
  Program: { fields: { tokens: replaceList } },
};

export { possibleTypes, typePolicies };

export const ACTIVITY_ROW = gql`
  fragment ActivityRow on Activity {
    __typename
    id
    type
    occurredAt
    lead {
      id
      email
    }
    ... on ExecuteCampaignActivity {
      executedCampaign {
        id
        name
      }
      qualified
      depth
    }
    ... on ChangeScoreActivity {
      scoreName
      newValue
    }
  }
`;

export const FEED = gql`
  ${ACTIVITY_ROW}
  query Feed($last: Int, $before: String) {
    activities(last: $last, before: $before) {
      edges {
        cursor
        node {
          ...ActivityRow
        }
      }
      pageInfo {
        startCursor
        endCursor
        hasPreviousPage
        hasNextPage
      }
    }
  }
`;

/** What FEED answers, with __typename on every object. */
export interface FeedData {
  activities: {
    edges: { cursor: string; node: { __typename: string; id: string } }[];
    pageInfo: { startCursor: string | null; endCursor: string | null; hasPreviousPage: boolean };
  };
}
