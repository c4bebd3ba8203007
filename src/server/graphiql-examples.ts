import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * What GraphiQL's Headers tab starts with: the shape of the key, never a key (the page is served to
 * anyone who asks for it).
 */
export const HEADERS_HINT = JSON.stringify({ Authorization: 'Bearer <key>' }, null, 2);

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The tabs GraphiQL opens on when the browser has none stored: one named operation each, with its
 * inputs in Variables, in the order a first visit goes. The first runs as it is; its answer holds the
 * ids the others ask for.
 */
export const EXAMPLE_TABS: NonNullable<GraphiQLOptions['defaultTabs']> = [
  {
    query: `# Every workspace the key sees: its campaigns, what each
# executes, and leads to try them on.
# Put your key in Headers below, then run.
query CampaignGraph($first: Int!) {
  viewer {
    isAdmin
    workspaces {
      id
      name
      campaigns(first: $first) {
        edges {
          node {
            id
            name
            type
            status
            isExecutable
            executes {
              id
              name
            }
          }
        }
      }
      leads(first: $first) {
        edges {
          node {
            id
            email
          }
        }
      }
    }
  }
}
`,
    variables: json({ first: 20 }),
    headers: HEADERS_HINT,
  },
  {
    query: `# Dry run: what would happen if this lead went through
# this campaign now. Writes nothing. Ids from CampaignGraph;
# tokens override My Tokens for this run only.
query DryRun($campaignId: ID!, $leadId: ID!, $tokens: [TokenInput!]) {
  simulateCampaign(campaignId: $campaignId, leadId: $leadId, tokens: $tokens) {
    qualified
    explanation {
      position
      passed
      detail
    }
    activities {
      type
      depth
      qualified
      primaryAttributeValue
      campaign {
        name
      }
    }
    leadAfter
  }
}
`,
    variables: json({
      campaignId: '<a BATCH campaign id from CampaignGraph>',
      leadId: '<a lead id from CampaignGraph>',
      tokens: [{ name: 'my.score', value: '+25' }],
    }),
    headers: HEADERS_HINT,
  },
  {
    query: `# Runs a batch campaign now (runAt null) or later.
# Returns at once: follow it in ActivityFeed.
mutation ScheduleCampaign($campaignId: ID!, $runAt: DateTime, $tokens: [TokenInput!]) {
  scheduleCampaign(campaignId: $campaignId, runAt: $runAt, tokens: $tokens) {
    id
    kind
    status
    scheduledFor
    leadsTotal
    leadsProcessed
    error
  }
}
`,
    variables: json({ campaignId: '<a BATCH campaign id from CampaignGraph>', runAt: null, tokens: [] }),
    headers: HEADERS_HINT,
  },
  {
    query: `# Activities as they commit: start it, then run
# ScheduleCampaign. filter takes workspaceId, campaignId,
# leadId, runId, types, qualified; with after (the id of
# the last activity seen) the stored ones after it come
# first, then the live ones.
subscription ActivityFeed($filter: ActivityFilter, $after: ID) {
  activityAdded(filter: $filter, after: $after) {
    id
    type
    occurredAt
    primaryAttributeValue
    lead {
      email
    }
    campaign {
      name
    }
    ... on ExecuteCampaignActivity {
      executedCampaign {
        name
      }
      qualified
      depth
    }
  }
}
`,
    variables: json({ filter: {}, after: null }),
    headers: HEADERS_HINT,
  },
];
