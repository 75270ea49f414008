import { shownSv } from '@tingsted/platform/i18n/shown/sv';
import { siteSv } from './site/sv.ts';
import { processesSv } from './processes/sv.ts';
import { manageSv } from './manage/sv.ts';
import { conversationsSv } from './conversations/sv.ts';
import { stakeholdersSv } from './stakeholders/sv.ts';
import { recommendationsSv } from './recommendations/sv.ts';
import { panelsSv } from './panels/sv.ts';
import { panelsStaffSv } from './panels-staff/sv.ts';
import { panelMembersSv } from './panel-members/sv.ts';
import { panelRecruitmentSv } from './panel-recruitment/sv.ts';
import { analysisSv } from './analysis/sv.ts';
import { summariesSv } from './summaries/sv.ts';
import { analysisTopicsSv } from './analysis-topics/sv.ts';
import { censusSv } from './census/sv.ts';
import { chartsSv } from './charts/sv.ts';
import { budgetingManageSv } from './budgeting-manage/sv.ts';
import { budgetingSv } from './budgeting/sv.ts';
import { privacySv } from './privacy/sv.ts';
import { moderationSv } from './moderation/sv.ts';
import { mapSv } from './map/sv.ts';
import { proposalsSv } from './proposals/sv.ts';
import { eventsSv } from './events/sv.ts';
import { duplicatesSv } from './duplicates/sv.ts';
import { updatesSv } from './updates/sv.ts';
import { workspaceSv } from './workspace/sv.ts';
import type { Catalog } from '../keys.ts';

/** Swedish page text (see en.ts). */
export const sv: Catalog = {
  ...shownSv,
  ...siteSv,
  ...processesSv,
  ...manageSv,
  ...conversationsSv,
  ...stakeholdersSv,
  ...recommendationsSv,
  ...panelsSv,
  ...panelsStaffSv,
  ...panelMembersSv,
  ...panelRecruitmentSv,
  ...analysisSv,
  ...summariesSv,
  ...analysisTopicsSv,
  ...censusSv,
  ...chartsSv,
  ...budgetingManageSv,
  ...budgetingSv,
  ...privacySv,
  ...moderationSv,
  ...mapSv,
  ...proposalsSv,
  ...eventsSv,
  ...duplicatesSv,
  ...updatesSv,
  ...workspaceSv,
};
