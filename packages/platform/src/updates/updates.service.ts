import { composingUseCases } from './composing.ts';
import { sendingUseCases } from './sending.ts';
import { unsubscribingUseCases } from './unsubscribing.ts';
import { updatesPrivacyUseCases } from './privacy.ts';
import { updatesContext, type UpdatesDeps } from './updates.context.ts';

export type { UpdatesDeps } from './updates.context.ts';

/**
 * Updates to a process's people: staff write one (in one language, translations optional), choose who gets it
 * (participants, followers or both; one phase's participants), see how many it would reach, send it now or at
 * a time; each recipient gets it in their notification list and, unless they chose no e-mail, by e-mail with a
 * link that unsubscribes them.
 */
export function updatesService(deps: UpdatesDeps) {
  const ctx = updatesContext(deps);
  const sending = sendingUseCases(ctx);
  return {
    ...composingUseCases(ctx, sending),
    ...unsubscribingUseCases(ctx),
    ...updatesPrivacyUseCases(ctx),
    sendDue: sending.sendDue,
  };
}

export type UpdatesService = ReturnType<typeof updatesService>;
