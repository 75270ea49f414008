import type { Actor } from '../accounts/index.ts';
import { stakeholdersPolicy, type PanelMember } from './stakeholders.policy.ts';
import type { FactView } from './stakeholders.types.ts';

/** A panel as pages and the API show it to the actor: its settings, their place in it, and what they may do. */
export function presentPanel(panel: { id: string; phase_id: string; process_id: string; invite_limit: number }, actor: Actor | null, member: PanelMember | null) {
  return {
    id: panel.id,
    phaseId: panel.phase_id,
    processId: panel.process_id,
    inviteLimit: panel.invite_limit,
    stakeholder: member,
    can: stakeholdersPolicy.can(actor, member),
  };
}

/** A presented panel. */
export type PresentedPanel = ReturnType<typeof presentPanel>;

/** A fact as the API shows it: dates as ISO text, each uploaded document with the address it is served at. */
export function presentFact(fact: FactView) {
  return {
    ...fact,
    sources: fact.sources.map((s) => ({ kind: s.kind, title: s.title, url: s.url, document: s.document ? { ...s.document, url: `/files/${s.document.id}` } : null })),
    updatedAt: fact.updatedAt.toISOString(),
  };
}
