import { graphql } from './graphql.js';

/** Runs page both ways: `last` opens on the newest runs, `first`/`after` reads on from a cursor. */
export const campaignRunsFragment = graphql`
  fragment CampaignRuns_campaign on Campaign
  @refetchable(queryName: "CampaignRunsPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int", defaultValue: 20 }
    before: { type: "String" }
  ) {
    runs(first: $first, after: $after, last: $last, before: $before) @connection(key: "CampaignRuns_runs") {
      edges {
        node {
          id
          kind
          status
          leadsProcessed
          leadsTotal
        }
      }
    }
  }
`;
