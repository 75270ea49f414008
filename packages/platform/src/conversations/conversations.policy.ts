import { hasRole, type Actor } from '../accounts/index.ts';

/** Who may do what with conversations. */
export const conversationsPolicy = {
  /** Process managers set up conversations, write seed statements, import and close them. */
  manage: (actor: Actor | null) => hasRole(actor, 'process_manager'),
  /** Moderators and process managers accept or reject participants' statements. */
  moderate: (actor: Actor | null) => hasRole(actor, 'moderator', 'process_manager'),
  /** Signed-in people take part; anonymous visitors too where the conversation allows it. */
  takePart: (actor: Actor | null, conversation: { allowAnonymous: boolean }) => actor !== null || conversation.allowAnonymous,

  /** What the actor may do with a conversation, as `can` flags for pages and the API. */
  can(actor: Actor | null, conversation: { open: boolean; allowAnonymous: boolean; allowStatements: boolean }) {
    const takePart = conversationsPolicy.takePart(actor, conversation);
    return {
      manage: conversationsPolicy.manage(actor),
      moderate: conversationsPolicy.moderate(actor),
      takePart,
      addStatement: takePart && conversation.open && conversation.allowStatements,
    };
  },
};
