import { panelsContext, type PanelsDeps } from './panels.context.ts';
import { setupUseCases } from './setup.ts';
import { invitationUseCases } from './invitations.ts';
import { registrationUseCases } from './registration.ts';
import { selectionUseCases } from './selection.ts';
import { drawUseCases } from './draw.ts';
import { memberUseCases } from './members.ts';
import { workspaceUseCases } from './workspace.ts';
import { responseUseCases } from './response.ts';
import { retentionUseCases } from './retention.ts';
import { panelsPrivacyUseCases } from './privacy.ts';
import { administratorUseCases } from './administrators.ts';
import { probabilityUseCases } from './probabilities.ts';
import { roundUseCases } from './rounds.ts';
import { notSelectedUseCases } from './not-selected.ts';

export type { PanelStage, PanelsDeps } from './panels.context.ts';

/**
 * Citizens' panels from the first letter to the decision-maker's answer: the shared context is built once
 * and each use-case file adds its functions (setup, invitations, registration, selection, members,
 * announced draw, workspace, response, retention).
 */
export function panelsService(deps: PanelsDeps) {
  const ctx = panelsContext(deps);
  return {
    ...setupUseCases(ctx),
    ...invitationUseCases(ctx),
    ...registrationUseCases(ctx),
    ...selectionUseCases(ctx),
    ...drawUseCases(ctx),
    ...memberUseCases(ctx),
    ...workspaceUseCases(ctx),
    ...responseUseCases(ctx),
    ...retentionUseCases(ctx),
    ...panelsPrivacyUseCases(ctx),
    ...administratorUseCases(ctx),
    ...probabilityUseCases(ctx),
    ...roundUseCases(ctx),
    ...notSelectedUseCases(ctx),
  };
}

export type PanelsService = ReturnType<typeof panelsService>;
