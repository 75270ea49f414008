import { shownDa } from '@tingsted/platform/i18n/shown/da';
import { siteDa } from './site/da.ts';
import { processesDa } from './processes/da.ts';
import { manageDa } from './manage/da.ts';
import { conversationsDa } from './conversations/da.ts';
import { stakeholdersDa } from './stakeholders/da.ts';
import { recommendationsDa } from './recommendations/da.ts';
import { panelsDa } from './panels/da.ts';
import { panelsStaffDa } from './panels-staff/da.ts';
import { panelMembersDa } from './panel-members/da.ts';
import { panelRecruitmentDa } from './panel-recruitment/da.ts';
import { analysisDa } from './analysis/da.ts';
import { summariesDa } from './summaries/da.ts';
import { analysisTopicsDa } from './analysis-topics/da.ts';
import { censusDa } from './census/da.ts';
import { chartsDa } from './charts/da.ts';
import { budgetingManageDa } from './budgeting-manage/da.ts';
import { budgetingDa } from './budgeting/da.ts';
import { privacyDa } from './privacy/da.ts';
import { moderationDa } from './moderation/da.ts';
import { mapDa } from './map/da.ts';
import { proposalsDa } from './proposals/da.ts';
import { eventsDa } from './events/da.ts';
import { duplicatesDa } from './duplicates/da.ts';
import { updatesDa } from './updates/da.ts';
import { workspaceDa } from './workspace/da.ts';
import type { Catalog } from '../keys.ts';

/** Danish page text (see en.ts). */
export const da: Catalog = {
  ...shownDa,
  ...siteDa,
  ...processesDa,
  ...manageDa,
  ...conversationsDa,
  ...stakeholdersDa,
  ...recommendationsDa,
  ...panelsDa,
  ...panelsStaffDa,
  ...panelMembersDa,
  ...panelRecruitmentDa,
  ...analysisDa,
  ...summariesDa,
  ...analysisTopicsDa,
  ...censusDa,
  ...chartsDa,
  ...budgetingManageDa,
  ...budgetingDa,
  ...privacyDa,
  ...moderationDa,
  ...mapDa,
  ...proposalsDa,
  ...eventsDa,
  ...duplicatesDa,
  ...updatesDa,
  ...workspaceDa,
};
