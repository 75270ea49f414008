import { shownNb } from '@tingsted/platform/i18n/shown/nb';
import { siteNb } from './site/nb.ts';
import { processesNb } from './processes/nb.ts';
import { manageNb } from './manage/nb.ts';
import { conversationsNb } from './conversations/nb.ts';
import { stakeholdersNb } from './stakeholders/nb.ts';
import { recommendationsNb } from './recommendations/nb.ts';
import { panelsNb } from './panels/nb.ts';
import { panelsStaffNb } from './panels-staff/nb.ts';
import { panelMembersNb } from './panel-members/nb.ts';
import { panelRecruitmentNb } from './panel-recruitment/nb.ts';
import { analysisNb } from './analysis/nb.ts';
import { summariesNb } from './summaries/nb.ts';
import { analysisTopicsNb } from './analysis-topics/nb.ts';
import { censusNb } from './census/nb.ts';
import { chartsNb } from './charts/nb.ts';
import { budgetingManageNb } from './budgeting-manage/nb.ts';
import { budgetingNb } from './budgeting/nb.ts';
import { privacyNb } from './privacy/nb.ts';
import { moderationNb } from './moderation/nb.ts';
import { mapNb } from './map/nb.ts';
import { proposalsNb } from './proposals/nb.ts';
import { eventsNb } from './events/nb.ts';
import { duplicatesNb } from './duplicates/nb.ts';
import { updatesNb } from './updates/nb.ts';
import { workspaceNb } from './workspace/nb.ts';
import type { Catalog } from '../keys.ts';

/** Norwegian bokmål page text (see en.ts). */
export const nb: Catalog = {
  ...shownNb,
  ...siteNb,
  ...processesNb,
  ...manageNb,
  ...conversationsNb,
  ...stakeholdersNb,
  ...recommendationsNb,
  ...panelsNb,
  ...panelsStaffNb,
  ...panelMembersNb,
  ...panelRecruitmentNb,
  ...analysisNb,
  ...summariesNb,
  ...analysisTopicsNb,
  ...censusNb,
  ...chartsNb,
  ...budgetingManageNb,
  ...budgetingNb,
  ...privacyNb,
  ...moderationNb,
  ...mapNb,
  ...proposalsNb,
  ...eventsNb,
  ...duplicatesNb,
  ...updatesNb,
  ...workspaceNb,
};
