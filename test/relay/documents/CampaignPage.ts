import { graphql } from './graphql.js';

/** A campaign's page: its header and the newest page of its runs, then older ones. */
export const campaignPageQuery = graphql`
  query CampaignPageQuery($id: ID!) {
    campaign(id: $id) {
      ...CampaignHeader_campaign
      ...CampaignRuns_campaign
    }
  }
`;
