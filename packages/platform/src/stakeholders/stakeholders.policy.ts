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
};
