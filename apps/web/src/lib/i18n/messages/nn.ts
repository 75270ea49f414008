import { shownNn } from '@tingsted/platform/i18n/shown/nn';
import { siteNn } from './site/nn.ts';
import { processesNn } from './processes/nn.ts';
import { manageNn } from './manage/nn.ts';
import { conversationsNn } from './conversations/nn.ts';
import { stakeholdersNn } from './stakeholders/nn.ts';
import { recommendationsNn } from './recommendations/nn.ts';
import { panelsNn } from './panels/nn.ts';
import { panelsStaffNn } from './panels-staff/nn.ts';
import { panelMembersNn } from './panel-members/nn.ts';
import { panelRecruitmentNn } from './panel-recruitment/nn.ts';
import { analysisNn } from './analysis/nn.ts';
import { summariesNn } from './summaries/nn.ts';
import { analysisTopicsNn } from './analysis-topics/nn.ts';
import { censusNn } from './census/nn.ts';
import { chartsNn } from './charts/nn.ts';
import { budgetingManageNn } from './budgeting-manage/nn.ts';
import { budgetingNn } from './budgeting/nn.ts';
import { privacyNn } from './privacy/nn.ts';
import { moderationNn } from './moderation/nn.ts';
import { mapNn } from './map/nn.ts';
import { proposalsNn } from './proposals/nn.ts';
import { eventsNn } from './events/nn.ts';
import { duplicatesNn } from './duplicates/nn.ts';
import { updatesNn } from './updates/nn.ts';
import { workspaceNn } from './workspace/nn.ts';
import type { Catalog } from '../keys.ts';

/** Norwegian nynorsk page text (see en.ts). */
export const nn: Catalog = {
  ...shownNn,
  ...siteNn,
  ...processesNn,
  ...manageNn,
  ...conversationsNn,
  ...stakeholdersNn,
  ...recommendationsNn,
  ...panelsNn,
  ...panelsStaffNn,
  ...panelMembersNn,
  ...panelRecruitmentNn,
  ...analysisNn,
  ...summariesNn,
  ...analysisTopicsNn,
  ...censusNn,
  ...chartsNn,
  ...budgetingManageNn,
  ...budgetingNn,
  ...privacyNn,
  ...moderationNn,
  ...mapNn,
  ...proposalsNn,
  ...eventsNn,
  ...duplicatesNn,
  ...updatesNn,
  ...workspaceNn,
};
