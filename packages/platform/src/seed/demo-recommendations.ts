import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

/**
 * The UberX panel's recommendations as a panel drafts them together: the first drafted at the meeting,
 * supported by the members, sent and accepted; the second drafted by one member and edited by another (two
 * versions), discussed in comments, supported by one member for the current version and by another for the
 * first (who is asked to look again); and the next meeting, a week ahead, with its agenda.
 */
export async function seedPanelRecommendations(
  platform: Platform,
  input: { panelId: string; manager: Actor; decisionMaker: Actor; members: readonly string[]; meetingId: string; nextMeetingDay: string },
): Promise<void> {
  const s = platform.stakeholders;
  const [kari, ola, sara] = input.members.map((id): Actor => ({ id, roles: ['resident'] }));
  if (!kari || !ola || !sara) return;

  const first = await s.draftRecommendation(input.manager, input.panelId, {
    title: 'Alle som kjører mot betaling må ha forsikring for passasjerer',
    body: 'Krav om forsikring og registrering bør gjelde likt for drosjer og plattformsjåfører.',
    meetingId: input.meetingId,
    facts: '1',
  });
  if (first.ok) {
    await s.supportRecommendation(kari, first.value.id);
    await s.supportRecommendation(sara, first.value.id);
    await s.sendRecommendation(input.manager, first.value.id);
    await s.decideRecommendation(input.decisionMaker, first.value.id, {
      decision: 'accepted',
      reason: 'Departementet innfører krav om forsikring for all persontransport mot betaling.',
    });
  }

  const second = await s.draftRecommendation(sara, input.panelId, {
    title: 'Prisen skal vises før turen bestilles',
    body: 'Passasjeren skal se prisen før turen bestilles.',
    facts: '1',
  });
  if (!second.ok) return;
  const id = second.value.id;
  // Support for the first version, then an edit: that support waits for the member to look again.
  await s.supportRecommendation(sara, id);
  await s.editRecommendation(kari, id, {
    title: 'Prisen skal vises før turen bestilles',
    body: 'Både drosjer og plattformer skal vise prisen, eller et pristak, før passasjeren bestiller turen.',
    version: 1,
  });
  await s.supportRecommendation(kari, id);
  const question = await s.commentOnRecommendation(ola, id, { body: 'Et pristak er lettere å vise når turen prises etter etterspørsel. Kan vi leve med det?' });
  if (question.ok) {
    await s.commentOnRecommendation(sara, id, { body: 'Ja, så lenge taket ikke kan endres etter bestillingen.', parentId: question.value.id });
    await s.commentOnRecommendation(input.manager, id, { body: 'Vi tar dette opp på neste møte.', parentId: question.value.id });
  }

  await s.scheduleMeeting(input.manager, input.panelId, {
    title: 'Andre konsultasjonsmøte: pris og løyve',
    startsAt: `${input.nextMeetingDay}T18:00`,
    streamUrl: 'https://www.youtube.com/@vTaiwan',
    place: 'Rådhuset, møterom 2',
    agenda: 'Velkommen og referat fra forrige møte\nAnbefaling 2: prisen før turen\nLøyvekravet: der vi er uenige\nVeien videre',
  });
}
