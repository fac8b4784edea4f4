import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AnalyticsIndexes1795600000000 } from './1795600000000-analytics-indexes';
import { RunPairIndex1796000000000 } from './1796000000000-run-pair-index';
import { WorkflowCounterShards1796100000000 } from './1796100000000-workflow-counter-shards';
import { ClientStageChangedAt1796900000000 } from './1796900000000-client-stage-changed-at';
import { UserAccountsHardening1796200000000 } from './1796200000000-user-accounts-hardening';
import { AgencyPipelineStages1797000000000 } from './1797000000000-agency-pipeline-stages';
import { DraftApprovals1797300000000 } from './1797300000000-draft-approvals';
import { AutomationTemplates1797500000000 } from './1797500000000-automation-templates';

export const ALL_MIGRATIONS = [
  InitialSchema1764000000000,
  AnalyticsIndexes1795600000000,
  RunPairIndex1796000000000,
  WorkflowCounterShards1796100000000,
  UserAccountsHardening1796200000000,
  ClientStageChangedAt1796900000000,
  AgencyPipelineStages1797000000000,
  DraftApprovals1797300000000,
  AutomationTemplates1797500000000,
];
