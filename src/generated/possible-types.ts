
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Activity": [
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity"
    ],
    "FlowAction": [
      "AddToList",
      "ChangeDataValue",
      "ChangeProgramStatus",
      "ChangeScore",
      "ExecuteCampaign",
      "InterestingMoment",
      "RemoveFromFlow",
      "RemoveFromList",
      "RequestCampaign",
      "Wait",
      "Webhook"
    ],
    "FlowActivity": [
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "SimulatedActivity"
    ],
    "Node": [
      "Campaign",
      "CampaignRun",
      "Folder",
      "Lead",
      "LeadField",
      "Program",
      "SmartList",
      "StaticList",
      "Token",
      "Workspace"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Activity": [
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity"
    ],
    "FlowAction": [
      "AddToList",
      "ChangeDataValue",
      "ChangeProgramStatus",
      "ChangeScore",
      "ExecuteCampaign",
      "InterestingMoment",
      "RemoveFromFlow",
      "RemoveFromList",
      "RequestCampaign",
      "Wait",
      "Webhook"
    ],
    "FlowActivity": [
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "SimulatedActivity"
    ],
    "Node": [
      "Campaign",
      "CampaignRun",
      "Folder",
      "Lead",
      "LeadField",
      "Program",
      "SmartList",
      "StaticList",
      "Token",
      "Workspace"
    ]
  }
};
      export default result;
    