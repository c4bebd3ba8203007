import { graphql } from './graphql.js';

/** Tokens and lead fields have ids: each row refetches alone and a mutation's result updates it in place. */
export const tokenFragment = graphql`
  fragment Definitions_token on Token @refetchable(queryName: "DefinitionsTokenRefetchQuery") {
    name
    type
    value
    definedBy {
      id
    }
  }
`;

export const leadFieldFragment = graphql`
  fragment Definitions_leadField on LeadField @refetchable(queryName: "DefinitionsLeadFieldRefetchQuery") {
    name
    type
  }
`;

export const setTokensMutation = graphql`
  mutation DefinitionsSetTokensMutation($ownerId: ID!, $tokens: [TokenInput!]!) {
    setTokens(ownerId: $ownerId, tokens: $tokens) {
      ...Definitions_token
    }
  }
`;

export const defineLeadFieldMutation = graphql`
  mutation DefinitionsDefineLeadFieldMutation($workspaceId: ID!, $name: String!, $type: FieldType!) {
    defineLeadField(workspaceId: $workspaceId, name: $name, type: $type) {
      ...Definitions_leadField
    }
  }
`;

export const workspaceDefinitionsQuery = graphql`
  query DefinitionsQuery($workspaceId: ID!) {
    workspace(id: $workspaceId) {
      leadFields {
        ...Definitions_leadField
      }
      folders {
        tokens {
          ...Definitions_token
        }
      }
    }
  }
`;
