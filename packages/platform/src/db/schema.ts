import type { AccountsTables } from '../accounts/accounts.tables.ts';
import type { AuditTables } from '../audit/audit.tables.ts';
import type { MunicipalityTables } from '../municipality/municipality.tables.ts';
import type { ProcessesTables } from '../processes/processes.tables.ts';
import type { IdeasTables } from '../ideas/ideas.tables.ts';
import type { FeedbackTables } from '../feedback/feedback.tables.ts';
import type { NotificationsTables } from '../notifications/notifications.tables.ts';
import type { SurveysTables } from '../surveys/surveys.tables.ts';
import type { FilesTables } from '../files/files.tables.ts';
import type { ConversationsTables } from '../conversations/conversations.tables.ts';
import type { StakeholdersTables } from '../stakeholders/stakeholders.tables.ts';
import type { PanelsTables } from '../panels/panels.tables.ts';
import type { AnalysisTables } from '../analysis/analysis.tables.ts';
import type { BudgetingTables } from '../budgeting/budgeting.tables.ts';
import type { ModerationTables } from '../moderation/moderation.tables.ts';
import type { ProposalsTables } from '../proposals/proposals.tables.ts';
import type { EventsTables } from '../events/events.tables.ts';
import type { CensusTables } from '../census/census.tables.ts';
import type { UpdatesTables } from '../updates/updates.tables.ts';

/** Every table, as Kysely sees it: the union of the modules' own table types. */
export interface Database
  extends AccountsTables,
    AuditTables,
    MunicipalityTables,
    ProcessesTables,
    IdeasTables,
    FeedbackTables,
    NotificationsTables,
    SurveysTables,
    FilesTables,
    ConversationsTables,
    StakeholdersTables,
    PanelsTables,
    AnalysisTables,
    BudgetingTables,
    ModerationTables,
    ProposalsTables,
    EventsTables,
    CensusTables,
    UpdatesTables {}
