import type { Locale } from '../i18n/locales.ts';
import type { ProcessDetail } from '../processes/processes.service.ts';
import type { UpdatesContext } from './updates.context.ts';
import type { Audience } from './updates.tables.ts';

/** A person an update goes to: how to reach them, their language, and whether they take e-mail. */
export interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly locale: Locale | null;
  /** False for people who chose no e-mail: they see the update in their notification list only. */
  readonly byEmail: boolean;
}

/**
 * The people an update about a process reaches. Participants: who posted, commented or supported ideas, or
 * answered a survey (in one phase: on the phase's dates, and its own survey's respondents). Followers: who
 * follow any of its ideas (authors and supporters follow theirs). People who unsubscribed from the process are
 * left out, and so are deleted accounts (their contributions no longer name them).
 */
export function audienceOf(ctx: UpdatesContext) {
  const { deps, repo } = ctx;
  return async (process: ProcessDetail, audience: Audience, phaseId: string | null): Promise<Recipient[]> => {
    const phase = phaseId ? (process.phases.find((p) => p.id === phaseId) ?? null) : null;
    const wantParticipants = audience !== 'followers';
    const wantFollowers = audience !== 'participants';
    const [ideaPeople, respondents, followers, unsubscribed] = await Promise.all([
      wantParticipants ? deps.ideas.participantsOf(process.id, phase ? { from: phase.startsOn, to: phase.endsOn, timeZone: deps.timeZone } : null) : Promise.resolve([]),
      wantParticipants ? deps.surveyRespondents(phase ? [phase.id] : process.phases.map((p) => p.id)) : Promise.resolve([]),
      wantFollowers ? deps.ideas.followersOf(process.id) : Promise.resolve([]),
      repo.unsubscribedOf(process.id),
    ]);
    const ids = [...new Set([...ideaPeople, ...respondents.flatMap((w) => w.people), ...followers])].filter((id) => !unsubscribed.has(id));
    const contacts = await deps.accounts.contactsOf(ids);
    return contacts.map((c) => ({ id: c.id, email: c.email, displayName: c.displayName, locale: c.locale, byEmail: c.notifyMode !== 'none' }));
  };
}
