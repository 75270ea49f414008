import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** How the actor stands to one panel, as the service reads it before deciding. */
export interface PanelStanding {
  /** Named as one of the panel's administrators (its creator, or someone the creator added). */
  readonly administrator: boolean;
  /** The person who started the panel (names and removes administrators). */
  readonly creator?: boolean;
  /** A confirmed member whose account is linked to their seat. */
  readonly member: boolean;
}

const rules = {
  /** Process managers set up panels on their processes. */
  create: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /**
   * The one rule for running a panel (set-up, invitations, the pool, selection, seats, assisted registration):
   * administrators (the role) and process managers always, plus the people named on the panel.
   */
  administer: (actor: Actor | null, standing: PanelStanding) => standing.administrator || hasRole(actor, 'process_manager'),
  /** Personal data (register, codes, pool, contact details): whoever administers the panel, every read audited. */
  seePersonalData: (actor: Actor | null, standing: PanelStanding) => standing.administrator || hasRole(actor, 'process_manager'),
  /** Naming and removing a panel's administrators: its creator, administrators (the role) and process managers. */
  nameAdministrators: (actor: Actor | null, standing: PanelStanding) => standing.creator === true || hasRole(actor, 'process_manager'),
  /** Facilitators run the workspace: administrators and process managers. */
  facilitate: (actor: Actor | null, standing: PanelStanding) => standing.administrator || hasRole(actor, 'process_manager'),
  /** The members' workspace is private to members and facilitators. */
  enterWorkspace: (actor: Actor | null, standing: PanelStanding) => standing.member || standing.administrator || hasRole(actor, 'process_manager'),
  /** Only members vote. */
  vote: (_actor: Actor | null, standing: PanelStanding) => standing.member,
  /** The decision-maker answers the recommendations. */
  respond: (actor: Actor | null) => hasRole(actor, 'decision_maker', 'process_manager'),
  /** Process managers and the panel's named administrators reach its staff page from its public page. */
  manage: (actor: Actor | null, standing?: PanelStanding) => standing?.administrator === true || hasRole(actor, 'process_manager'),
  /** Any signed-in person may follow a panel. */
  follow: (actor: Actor | null) => actor !== null,
};

/** Who may do what with citizens' panels. */
export const panelsPolicy = {
  ...rules,
  /** What the actor may do with one panel, for pages and the API (`can` flags). */
  can(actor: Actor | null, standing: PanelStanding = { administrator: false, member: false }) {
    return {
      manage: rules.manage(actor, standing),
      administer: rules.administer(actor, standing),
      seePersonalData: rules.seePersonalData(actor, standing),
      nameAdministrators: rules.nameAdministrators(actor, standing),
      facilitate: rules.facilitate(actor, standing),
      enterWorkspace: rules.enterWorkspace(actor, standing),
      vote: rules.vote(actor, standing),
      respond: rules.respond(actor),
      follow: rules.follow(actor),
    };
  },
};

/** What the actor may do with a panel. */
export type PanelCan = ReturnType<typeof panelsPolicy.can>;
