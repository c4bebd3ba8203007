// Lints the printed schema (npm run lint:schema) with @graphql-eslint's schema-recommended and
// schema-relay rules. Every rule turned off or narrowed here is an exemption with its reason, also
// listed in docs/client-codegen.md ("Schema lint exemptions"): keep the two in step.
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

/** Object types without an `id`, by why an id would be wrong for them. */
const TYPES_WITHOUT_ID = {
  // Values inside the campaign, smart list or lead that holds them: no identity of their own, and
  // a client cache stores them within their owner; an invented id would change whenever the owner is saved.
  valuesOfTheirOwner: [
    'ActivityCriteria',
    'AddToList',
    'CampaignSchedule',
    'ChangeDataValue',
    'ChangeProgramStatus',
    'ChangeScore',
    'ExecuteCampaign',
    'FlowChoice',
    'InterestingMoment',
    'ProgramMember',
    'QualificationRule',
    'Recurrence',
    'RemoveFromFlow',
    'RemoveFromList',
    'RequestCampaign',
    'SmartListDefinition',
    'SmartListFilter',
    'SmartListTrigger',
    'Wait',
    'Webhook',
    'WebhookResponseMapping',
  ],
  // Answers computed for one request (counts are summed from stored counters when asked): nothing to
  // refetch by id.
  computedAnswers: [
    'ActivityBatch',
    'ActivityTypeCount',
    'CampaignProblem',
    'CampaignResults',
    'ExecuteCampaignActivityBatch',
    'FilterEvaluation',
    'QualificationRuleVerdict',
    'ReasonCount',
    'SimulatedActivity',
    'Simulation',
    'StepBranchCount',
    'StepResult',
    'Viewer',
  ],
  // Relay's paging types: parts of one page of a connection.
  relayPaging: ['PageInfo'],
};

export default [
  {
    files: ['schema/schema.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      ...graphqlPlugin.configs['flat/schema-relay'].rules,
      // Narrowed: the types above have no id, for the reasons given with them; every other object
      // type must have one.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          exceptions: {
            types: Object.values(TYPES_WITHOUT_ID).flat(),
            suffixes: ['Connection', 'Edge'],
          },
        },
      ],
      // Narrowed: plain lists of bounded size (a flow's steps, a smart list's filters, a workspace's
      // folders...) stay lists; making them connections would change their types and break clients.
      // Edge types are still checked (an object type, a Node, named ...Edge).
      '@graphql-eslint/relay-edge-types': ['error', { listTypeCanWrapOnlyEdgeType: false }],
    },
  },
];
