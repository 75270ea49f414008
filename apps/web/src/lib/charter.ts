import type { MessageKey } from './i18n/keys.ts';

/** The heading of each charter field, shared by the public page and the manager's editor. */
export const charterHeadings: Record<string, MessageKey> = {
  title: 'manage.title.field',
  summary: 'manage.summary',
  question: 'process.question',
  why_involved: 'process.whyInvolved',
  scope_can_change: 'process.scopeCan',
  scope_cannot_change: 'process.scopeCannot',
  decision_maker: 'process.decisionMaker',
  response_commitment: 'process.responseCommitment',
  target_groups: 'process.targetGroups',
  outreach: 'process.outreach',
  method_rationale: 'process.methodRationale',
  funding: 'process.funding',
};
