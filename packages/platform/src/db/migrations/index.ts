import type { Migration } from 'kysely';
import * as foundation from './2026_11_23_0001_foundation.ts';
import * as participation from './2026_11_23_0002_participation.ts';
import * as conversations from './2026_11_23_0003_conversations.ts';
import * as panels from './2026_11_23_0004_panels.ts';
import * as demographics from './2026_11_23_0005_demographics.ts';
import * as factDocuments from './2026_11_23_0006_fact_documents.ts';
import * as analysisRuns from './2026_11_23_0007_analysis_runs.ts';
import * as budgeting from './2026_12_07_0008_budgeting.ts';
import * as budgetImageOrder from './2026_12_07_0009_budget_image_order.ts';
import * as budgetingPerf from './2026_12_08_0001_budgeting_perf.ts';
import * as moderation from './2026_12_08_0002_moderation.ts';
import * as privacy from './2026_12_08_0003_privacy.ts';
import * as announcedDraw from './2026_12_09_0001_announced_draw.ts';
import * as panelMembers from './2026_12_09_0101_panel_members.ts';
import * as conversationThresholds from './2026_12_09_0201_conversation_thresholds.ts';
import * as proposals from './2026_12_10_0001_proposals.ts';
import * as events from './2026_12_10_0101_events.ts';
import * as ideaLocations from './2026_12_10_0201_idea_locations.ts';
import * as conversationReport from './2026_12_10_0301_conversation_report.ts';
import * as stakeholderRecommendations from './2026_12_10_0401_stakeholder_recommendations.ts';
import * as recruitmentRounds from './2026_12_10_0501_recruitment_rounds.ts';
import * as budgetBallotWeight from './2026_12_12_0001_budget_ballot_weight.ts';
import * as respondentLocale from './2026_12_15_0101_respondent_locale.ts';
import * as proposalExpiry from './2026_12_16_0001_proposal_expiry.ts';
import * as mapGeocoder from './2026_12_16_0002_map_geocoder.ts';
import * as recommendationCommentModeration from './2026_12_17_0001_recommendation_comment_moderation.ts';
import * as census from './2026_12_18_0001_census.ts';
import * as imageVariants from './2026_12_19_0001_image_variants.ts';
import * as processUpdates from './2026_12_19_0101_process_updates.ts';
import * as analysisTopicChoices from './2026_12_19_0300_analysis_topic_choices.ts';
import * as ideaDuplicates from './2026_12_19_0401_idea_duplicates.ts';
import * as summaries from './2026_12_19_0501_summaries.ts';

/**
 * Every migration in the order it runs. Listed by hand (not read from the folder) so the set is the
 * same under tsx, a bundler and compiled output.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_foundation': foundation,
  '2026_11_23_0002_participation': participation,
  '2026_11_23_0003_conversations': conversations,
  '2026_11_23_0004_panels': panels,
  '2026_11_23_0005_demographics': demographics,
  '2026_11_23_0006_fact_documents': factDocuments,
  '2026_11_23_0007_analysis_runs': analysisRuns,
  '2026_12_07_0008_budgeting': budgeting,
  '2026_12_07_0009_budget_image_order': budgetImageOrder,
  '2026_12_08_0001_budgeting_perf': budgetingPerf,
  '2026_12_08_0002_moderation': moderation,
  '2026_12_08_0003_privacy': privacy,
  '2026_12_09_0001_announced_draw': announcedDraw,
  '2026_12_09_0101_panel_members': panelMembers,
  '2026_12_09_0201_conversation_thresholds': conversationThresholds,
  '2026_12_10_0001_proposals': proposals,
  '2026_12_10_0101_events': events,
  '2026_12_10_0201_idea_locations': ideaLocations,
  '2026_12_10_0301_conversation_report': conversationReport,
  '2026_12_10_0401_stakeholder_recommendations': stakeholderRecommendations,
  '2026_12_10_0501_recruitment_rounds': recruitmentRounds,
  '2026_12_12_0001_budget_ballot_weight': budgetBallotWeight,
  '2026_12_15_0101_respondent_locale': respondentLocale,
  '2026_12_16_0001_proposal_expiry': proposalExpiry,
  '2026_12_16_0002_map_geocoder': mapGeocoder,
  '2026_12_17_0001_recommendation_comment_moderation': recommendationCommentModeration,
  '2026_12_18_0001_census': census,
  '2026_12_19_0001_image_variants': imageVariants,
  '2026_12_19_0101_process_updates': processUpdates,
  '2026_12_19_0300_analysis_topic_choices': analysisTopicChoices,
  '2026_12_19_0401_idea_duplicates': ideaDuplicates,
  '2026_12_19_0501_summaries': summaries,
};
