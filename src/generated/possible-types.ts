
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Activity": [
      "AddToListActivity",
      "CallWebhookActivity",
      "CampaignIsRequestedActivity",
      "ChangeDataValueActivity",
      "ChangeProgramStatusActivity",
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "InterestingMomentActivity",
      "NewLeadActivity",
      "RemoveFromFlowActivity",
      "RemoveFromListActivity",
      "RequestCampaignActivity",
      "WaitActivity"
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
      "AddToListActivity",
      "CallWebhookActivity",
      "CampaignIsRequestedActivity",
      "ChangeDataValueActivity",
      "ChangeProgramStatusActivity",
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "InterestingMomentActivity",
      "NewLeadActivity",
      "RemoveFromFlowActivity",
      "RemoveFromListActivity",
      "RequestCampaignActivity",
      "SimulatedActivity",
      "WaitActivity"
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
      "AddToListActivity",
      "CallWebhookActivity",
      "CampaignIsRequestedActivity",
      "ChangeDataValueActivity",
      "ChangeProgramStatusActivity",
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "InterestingMomentActivity",
      "NewLeadActivity",
      "RemoveFromFlowActivity",
      "RemoveFromListActivity",
      "RequestCampaignActivity",
      "WaitActivity"
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
      "AddToListActivity",
      "CallWebhookActivity",
      "CampaignIsRequestedActivity",
      "ChangeDataValueActivity",
      "ChangeProgramStatusActivity",
      "ChangeScoreActivity",
      "ExecuteCampaignActivity",
      "GenericActivity",
      "InterestingMomentActivity",
      "NewLeadActivity",
      "RemoveFromFlowActivity",
      "RemoveFromListActivity",
      "RequestCampaignActivity",
      "SimulatedActivity",
      "WaitActivity"
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
    