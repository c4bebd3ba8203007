import { graphql } from './graphql.js';

/** The workspace's feed: opens on its newest page, pages back, and takes new activities live. */
export const activityFeedQuery = graphql`
  query ActivityFeedQuery($filter: ActivityFilter) {
    ...ActivityFeed_query @arguments(filter: $filter)
  }
`;

export const activityFeedFragment = graphql`
  fragment ActivityFeed_query on Query
  @refetchable(queryName: "ActivityFeedPaginationQuery")
  @argumentDefinitions(
    filter: { type: "ActivityFilter" }
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int", defaultValue: 50 }
    before: { type: "String" }
  ) {
    activities(filter: $filter, first: $first, after: $after, last: $last, before: $before)
      @connection(key: "ActivityFeed_activities", filters: ["filter"]) {
      __id
      edges {
        node {
          ...ActivityFeed_activity
        }
      }
    }
  }
`;

export const activityFragment = graphql`
  fragment ActivityFeed_activity on Activity {
    __typename
    id
    type
    occurredAt
    lead {
      id
      email
    }
    campaign {
      id
      name
    }
    ... on ExecuteCampaignActivity {
      executedCampaign {
        id
        name
      }
      qualified
      depth
      reason
    }
    ... on ChangeScoreActivity {
      scoreName
      change
      newValue
    }
  }
`;

/** Appends each new activity to the feed's connection (its __id), where the page above shows it. */
export const activityFeedSubscription = graphql`
  subscription ActivityFeedSubscription($filter: ActivityFilter, $after: ID, $connections: [ID!]!) {
    activityAdded(filter: $filter, after: $after)
      @appendNode(connections: $connections, edgeTypeName: "ActivityEdge") {
      ...ActivityFeed_activity
    }
  }
`;
