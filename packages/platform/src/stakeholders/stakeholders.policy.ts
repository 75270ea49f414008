import { hasRole, type Actor } from '../accounts/index.ts';

/** The actor's own place in a panel, when they are a stakeholder in it. */
export interface PanelMember {
  readonly id: string;
  readonly role: string;
  readonly invitesLeft: number;
}

/** Who may do what in a stakeholder panel. */
export const stakeholdersPolicy = {
  /** Facilitators run the panel: invitations, review of facts, timeline, meetings. */
  facilitate: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Decision-makers answer recommendations. */
  decide: (actor: Actor | null) => hasRole(actor, 'decision_maker'),

  /**
   * What the actor may do in a panel, given their place in it (`member`): the flags pages and the API show.
   * A stakeholder may invite while they are in the panel; the use case refuses once their invitations are spent.
   */
  can(actor: Actor | null, member: PanelMember | null) {
    const facilitate = stakeholdersPolicy.facilitate(actor);
    return {
      facilitate,
      invite: facilitate || member !== null,
      introduce: member !== null,
      submitFact: member !== null,
      recommend: facilitate || member !== null,
      decide: stakeholdersPolicy.decide(actor),
    };
  },

  /**
   * What the actor may do with a recommendation, given their joined place in its panel (`member`), whether they
   * support its current version (`supports`: 'current', 'earlier' or null) and its state.
   */
  canRecommendation(actor: Actor | null, member: PanelMember | null, state: { sent: boolean; answered: boolean; supports: 'current' | 'earlier' | null; hasSupport: boolean }) {
    const facilitate = stakeholdersPolicy.facilitate(actor);
    return {
      edit: !state.sent && (facilitate || member !== null),
      comment: facilitate || member !== null,
      support: !state.sent && member !== null && state.supports !== 'current',
      withdraw: !state.sent && member !== null && state.supports !== null,
      send: !state.sent && facilitate,
      answer: state.sent && !state.answered && stakeholdersPolicy.decide(actor),
      moderate: facilitate,
    };
  },
};
