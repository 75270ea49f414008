import { shownEn } from '@tingsted/platform/i18n/shown/en';
import { siteEn } from './site/en.ts';
import { processesEn } from './processes/en.ts';
import { manageEn } from './manage/en.ts';
import { conversationsEn } from './conversations/en.ts';
import { stakeholdersEn } from './stakeholders/en.ts';
import { recommendationsEn } from './recommendations/en.ts';
import { panelsEn } from './panels/en.ts';
import { panelsStaffEn } from './panels-staff/en.ts';
import { panelMembersEn } from './panel-members/en.ts';
import { panelRecruitmentEn } from './panel-recruitment/en.ts';
import { analysisEn } from './analysis/en.ts';
import { summariesEn } from './summaries/en.ts';
import { analysisTopicsEn } from './analysis-topics/en.ts';
import { censusEn } from './census/en.ts';
import { chartsEn } from './charts/en.ts';
import { budgetingManageEn } from './budgeting-manage/en.ts';
import { budgetingEn } from './budgeting/en.ts';
import { privacyEn } from './privacy/en.ts';
import { moderationEn } from './moderation/en.ts';
import { mapEn } from './map/en.ts';
import { proposalsEn } from './proposals/en.ts';
import { eventsEn } from './events/en.ts';
import { duplicatesEn } from './duplicates/en.ts';
import { updatesEn } from './updates/en.ts';
import { workspaceEn } from './workspace/en.ts';

/**
 * English page text, the source of every key: the platform's shown messages (errors and field messages)
 * and the pages' own areas. One module per language, so the browser loads one chunk.
 */
export const en = {
  ...shownEn,
  ...siteEn,
  ...processesEn,
  ...manageEn,
  ...conversationsEn,
  ...stakeholdersEn,
  ...recommendationsEn,
  ...panelsEn,
  ...panelsStaffEn,
  ...panelMembersEn,
  ...panelRecruitmentEn,
  ...analysisEn,
  ...summariesEn,
  ...analysisTopicsEn,
  ...censusEn,
  ...chartsEn,
  ...budgetingManageEn,
  ...budgetingEn,
  ...privacyEn,
  ...moderationEn,
  ...mapEn,
  ...proposalsEn,
  ...eventsEn,
  ...duplicatesEn,
  ...updatesEn,
  ...workspaceEn,
} as const;
