import { graphql } from '../documents/graphql.js';

/** relay-compiler must refuse it: Program.campaigns is a plain list, not a connection. */
export const plainListAsConnection = graphql`
  fragment Invalid_program on Program {
    campaigns @connection(key: "Invalid_campaigns") {
      id
    }
  }
`;
