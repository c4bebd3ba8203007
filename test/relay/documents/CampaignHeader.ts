import { graphql } from './graphql.js';

/** Refetchable alone: Campaign is a Node, so Relay refetches it through Query.node. */
export const campaignHeaderFragment = graphql`
  fragment CampaignHeader_campaign on Campaign @refetchable(queryName: "CampaignHeaderRefetchQuery") {
    name
    status
    type
    deletedAt
    problems {
      code
      message
      stepPosition
    }
    smartList {
      rule
      isValid
      filters {
        position
        kind
        attribute
        operator
        values
      }
    }
    flow {
      id
      position
      action {
        __typename
        ... on ExecuteCampaign {
          campaign {
            id
            name
          }
          useParentTokenContext
        }
        ... on ChangeScore {
          scoreName
          change
        }
      }
    }
  }
`;
