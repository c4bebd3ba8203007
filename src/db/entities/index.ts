import { Activity } from './activity.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Campaign } from './campaign.entity.js';
import { CampaignRun } from './campaign-run.entity.js';
import { CampaignSchedule } from './campaign-schedule.entity.js';
import { FlowWait } from './flow-wait.entity.js';
import { Folder } from './folder.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { JobWorker } from './job-worker.entity.js';
import { Lead } from './lead.entity.js';
import { LeadCampaignHistory } from './lead-campaign-history.entity.js';
import { LeadField } from './lead-field.entity.js';
import { MyToken } from './my-token.entity.js';
import { Program } from './program.entity.js';
import { ProgramMember } from './program-member.entity.js';
import { RunChunk } from './run-chunk.entity.js';
import { RunResultCount } from './run-result-count.entity.js';
import { SmartList } from './smart-list.entity.js';
import { StaticList, StaticListMember } from './static-list.entity.js';
import { Workspace } from './workspace.entity.js';

/** Every entity, for the ORM's discovery. */
export const entities = [
  Workspace,
  ApiKey,
  Folder,
  Program,
  MyToken,
  LeadField,
  Lead,
  StaticList,
  StaticListMember,
  ProgramMember,
  SmartList,
  Campaign,
  CampaignRun,
  CampaignSchedule,
  RunChunk,
  RunResultCount,
  LeadCampaignHistory,
  Activity,
  FlowWait,
  JobWorker,
  IdempotencyKey,
];
