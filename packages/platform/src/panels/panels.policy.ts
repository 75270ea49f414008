import { hasRole, type Actor } from '../accounts/accounts.policy.ts';

/** How the actor stands to one panel, as the service reads it before deciding. */
export interface PanelStanding {
  /** Named as one of the panel's administrators (the only people who see personal data). */
  readonly administrator: boolean;
  /** A confirmed member whose account is linked to their seat. */
  readonly member: boolean;
}

const rules = {
  /** Process managers set up panels on their processes. */
  create: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Set-up, invitations, selection, replacements: the panel's administrators. */
  administer: (_actor: Actor | null, standing: PanelStanding) => standing.administrator,
  /** Personal data (register, codes, pool, contact details): the panel's administrators only, every read audited. */
  seePersonalData: (_actor: Actor | null, standing: PanelStanding) => standing.administrator,
  /** Facilitators run the workspace: administrators and process managers. */
  facilitate: (actor: Actor | null, standing: PanelStanding) => standing.administrator || hasRole(actor, 'process_manager'),
  /** The members' workspace is private to members and facilitators. */
  enterWorkspace: (actor: Actor | null, standing: PanelStanding) => standing.member || standing.administrator || hasRole(actor, 'process_manager'),
  /** Only members vote. */
  vote: (_actor: Actor | null, standing: PanelStanding) => standing.member,
  /** The decision-maker answers the recommendations. */
  respond: (actor: Actor | null) => hasRole(actor, 'decision_maker', 'process_manager'),
  /** Process managers reach a panel's staff page from its public page. */
  manage: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Any signed-in person may follow a panel. */
  follow: (actor: Actor | null) => actor !== null,
};

/** Who may do what with citizens' panels. */
export const panelsPolicy = {
  ...rules,
  /** What the actor may do with one panel, for pages and the API (`can` flags). */
  can(actor: Actor | null, standing: PanelStanding = { administrator: false, member: false }) {
    return {
      manage: rules.manage(actor),
      administer: rules.administer(actor, standing),
      seePersonalData: rules.seePersonalData(actor, standing),
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
