import { formatPercent } from '../i18n/format.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locales, type Locale } from '../i18n/locales.ts';
import { firstLines, notificationKinds, notificationLines, renderNotification, statusName, type NotificationKind, type Payload, type StatusLabels } from './render.ts';

// A municipality's own status, named in two languages; the others fall back to the municipality's default.
const statusLabels: StatusLabels = new Map([['sent_to_council', { nb: 'Sendt til kommunestyret', en: 'Sent to the council' }]]);
const render = (locale: Locale, kind: NotificationKind, payload: Payload) => renderNotification(locale, kind, payload, { statusLabels, municipalityDefault: 'nb' });

const idea = { ideaId: 'i1', ideaTitle: 'Lys i smuget', processSlug: 'ny-sentrumsplan' };
const answer = 'Vi setter opp lys i smuget i mars.\nArbeidet tar to uker.\nKommunen betaler.\nFjerde linje som ikke vises.';

/** One payload of each kind, as the modules that raise them store it. */
const payloads: Record<NotificationKind, Payload> = {
  status_changed: { ...idea, status: 'under_consideration' },
  answered: { ...idea, status: 'accepted', answer },
  milestone: { ...idea, milestone: 'Lysene er bestilt', progress: 40 },
  idea_hidden: { ...idea, reason: 'Inneholder personopplysninger.' },
  idea_merged: { ...idea, ideaTitle: 'Lys i bakgata', keptTitle: 'Lys i smuget' },
  comment_hidden: { reason: 'Sjikane.' },
  fact_reviewed: { title: 'Drosjer har løyve', decision: 'rejected', reason: 'Kilden er ikke offentlig.', link: '/processes/uberx/stakeholders#fact-3' },
  statement_hidden: { reason: 'Navn på en nabo.', question: 'Hvordan bør torget brukes?', statement: 'Torget bør stenges for biler.', link: '/processes/torget/conversation/p2' },
  recommendation_decided: { title: 'Flere benker', decision: 'accepted', reason: 'Vi gjør det i budsjettet for neste år.', link: '/processes/ny-sentrumsplan/stakeholders#recommendation-1' },
  recommendation_revised: { title: 'Flere benker', version: 3, link: '/processes/ny-sentrumsplan/stakeholders/recommendations/1' },
  budget_project_update: { projectTitle: 'Ny lekeplass', news: 'Gjennomført – 100 %', processSlug: 'budsjett', link: '/processes/budsjett/budgeting/p1/projects/x1' },
  budget_results: { processTitle: 'Budsjett for 2027', processSlug: 'budsjett', link: '/processes/budsjett/budgeting/p1/results' },
  proposal_invited: { proposalTitle: 'Gatelys i Storgata', link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_submitted: { proposalTitle: 'Gatelys i Storgata', link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_reached: { proposalTitle: 'Gatelys i Storgata', link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_expired: { proposalTitle: 'Gatelys i Storgata', signatures: 1234, threshold: 2000, link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_answered: { proposalTitle: 'Gatelys i Storgata', status: 'accepted', answer, link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_milestone: { proposalTitle: 'Gatelys i Storgata', milestone: 'Lysene er bestilt', progress: 40, link: '/processes/innbyggerforslag/proposals/p1' },
  proposal_hidden: { proposalTitle: 'Gatelys i Storgata', reason: 'Personopplysninger.', link: '/processes/innbyggerforslag/proposals/p1' },
  event_seat: { title: 'Folkemøte om torget', link: '/events/e1' },
  phase_reminder: { processTitle: 'Ny park', phaseTitle: 'Idéer', endsOn: '2026-12-31', processSlug: 'ny-park', link: '/processes/ny-park' },
  recommendation_sent: { title: 'Flere benker', supporters: 3, members: 5, link: '/processes/ny-sentrumsplan/stakeholders/recommendations/1' },
  meeting_scheduled: { title: 'Andre møte', startsAt: '2026-10-31T17:00:00.000Z', timeZone: 'Europe/Oslo', place: 'Rådhuset', link: '/processes/ny-sentrumsplan/stakeholders/meetings/m1' },
  process_update: { language: 'nb', 'processTitle.nb': 'Ny park', 'processTitle.en': 'New park', 'subject.nb': 'Byggestart i mai', 'body.nb': 'Gravingen starter 4. mai.', 'subject.en': 'Work starts in May', 'body.en': 'Digging starts on 4 May.', link: '/processes/ny-park' },
};

test('a process update is shown in the reader language where staff translated it, else in the original with its language named', () => {
  const en = render('en', 'process_update', payloads.process_update);
  assert.equal(en.text, 'Update on "New park": Work starts in May');
  assert.deepEqual(en.quote, { label: 'The message', text: 'Digging starts on 4 May.' });
  assert.equal(en.link, '/processes/ny-park');
  const sv = render('sv', 'process_update', payloads.process_update);
  assert.equal(sv.text, 'Nytt om ”Ny park”: Byggestart i mai');
  assert.deepEqual(sv.quote, { label: 'Meddelandet (på norskt bokmål)', text: 'Gravingen starter 4. mai.' });
});

test('a scheduled meeting gives its time as the municipality’s wall clock, in each language, and its place', () => {
  assert.equal(render('nb', 'meeting_scheduled', payloads.meeting_scheduled).text, 'Panelet møtes til «Andre møte» 31. oktober 2026 kl. 18:00. Møtesiden har sakslisten og en kalenderfil.');
  assert.equal(render('en', 'meeting_scheduled', payloads.meeting_scheduled).text, 'The panel meets for "Andre møte" on 31 October 2026 at 18:00. The meeting page has the agenda and a calendar file.');
  assert.deepEqual(render('sv', 'meeting_scheduled', payloads.meeting_scheduled).quote, { label: 'Plats', text: 'Rådhuset' });
});

test('proposal notifications name the proposal, the status in the reader language, and link to its page', () => {
  const answered = render('nb', 'proposal_answered', payloads.proposal_answered);
  assert.equal(answered.text, 'Innbyggerforslaget «Gatelys i Storgata» har nå statusen «Godkjent».');
  assert.equal(answered.link, '/processes/innbyggerforslag/proposals/p1');
  assert.equal(answered.quote?.label, 'Svaret');
  assert.equal(render('en', 'proposal_milestone', payloads.proposal_milestone).text, 'The citizen proposal "Gatelys i Storgata": Lysene er bestilt (40% done).');
  assert.equal(render('sv', 'proposal_submitted', payloads.proposal_submitted).subject, 'Ett medborgarförslag nådde tröskeln: ”Gatelys i Storgata”');
  assert.deepEqual(render('en', 'proposal_hidden', payloads.proposal_hidden).quote, { label: 'Reason', text: 'Personopplysninger.' });
});

test('a status change names the idea and the status in the reader language, and links to the idea', () => {
  const nb = render('nb', 'status_changed', payloads.status_changed);
  assert.equal(nb.text, 'Forslaget «Lys i smuget» har nå statusen «Til vurdering».');
  assert.equal(nb.subject, 'Nytt om «Lys i smuget»');
  assert.equal(nb.link, '/processes/ny-sentrumsplan/ideas/i1');
  assert.equal(nb.quote, null);
  assert.equal(render('en', 'status_changed', payloads.status_changed).text, 'The idea "Lys i smuget" now has the status "Under consideration".');
  // A municipality's own status by its label; a language without one falls back to the municipality's.
  assert.equal(render('en', 'status_changed', { ...idea, status: 'sent_to_council' }).text, 'The idea "Lys i smuget" now has the status "Sent to the council".');
  assert.equal(render('sv', 'status_changed', { ...idea, status: 'sent_to_council' }).text, 'Förslaget ”Lys i smuget” har nu statusen ”Sendt til kommunestyret”.');
});

test('an official answer gives the status by name and quotes the first lines of the answer', () => {
  const nb = render('nb', 'answered', payloads.answered);
  assert.equal(nb.text, 'Kommunen har svart på forslaget «Lys i smuget» og gitt det statusen «Godkjent».');
  assert.deepEqual(nb.quote, { label: 'Svaret', text: 'Vi setter opp lys i smuget i mars. Arbeidet tar to uker. Kommunen betaler…' });
  const en = render('en', 'answered', payloads.answered);
  assert.equal(en.subject, 'The municipality answered "Lys i smuget"');
  assert.equal(en.text, 'The municipality answered the idea "Lys i smuget" and gave it the status "Accepted".');
  assert.equal(en.quote?.label, 'The answer');
  // An answer stored before answers were quoted shows the sentence alone.
  assert.equal(render('en', 'answered', { ...idea, status: 'rejected' }).quote, null);
});

test('a milestone names its title and the progress as the language writes a percentage', () => {
  assert.equal(render('nb', 'milestone', payloads.milestone).text, 'Ny framdrift for forslaget «Lys i smuget»: Lysene er bestilt (40\u00a0% ferdig).');
  assert.equal(render('en', 'milestone', payloads.milestone).text, 'New progress on the idea "Lys i smuget": Lysene er bestilt (40% done).');
});

test('a merge names both ideas and links to the kept one', () => {
  const nb = render('nb', 'idea_merged', payloads.idea_merged);
  assert.equal(nb.text, 'En moderator har slått sammen forslaget «Lys i bakgata» med «Lys i smuget», som sier det samme. Støtter, følgere og kommentarer hører nå til «Lys i smuget».');
  assert.equal(nb.link, '/processes/ny-sentrumsplan/ideas/i1');
  assert.equal(render('en', 'idea_merged', payloads.idea_merged).subject, 'Ideas merged');
});

test('hidden content names the idea when known and quotes the reason; without a page it links to the list', () => {
  const nb = render('nb', 'idea_hidden', payloads.idea_hidden);
  assert.equal(nb.text, 'En moderator har skjult forslaget ditt «Lys i smuget».');
  assert.deepEqual(nb.quote, { label: 'Begrunnelse', text: 'Inneholder personopplysninger.' });
  assert.equal(render('en', 'idea_hidden', payloads.idea_hidden).text, 'A moderator hid your idea "Lys i smuget".');
  const comment = render('en', 'comment_hidden', payloads.comment_hidden);
  assert.deepEqual([comment.subject, comment.text, comment.quote, comment.link], ['Your comment was hidden', 'A moderator hid your comment.', { label: 'Reason', text: 'Sjikane.' }, '/notifications']);
  assert.equal(render('nb', 'comment_hidden', { ...idea, reason: 'Sjikane.' }).text, 'En moderator har skjult kommentaren din til forslaget «Lys i smuget».');
});

test('a decided recommendation says accepted or rejected and quotes the reasons', () => {
  const nb = render('nb', 'recommendation_decided', payloads.recommendation_decided);
  assert.equal(nb.text, 'Beslutningstakeren har godtatt anbefalingen «Flere benker».');
  assert.deepEqual(nb.quote, { label: 'Begrunnelse', text: 'Vi gjør det i budsjettet for neste år.' });
  assert.equal(nb.link, '/processes/ny-sentrumsplan/stakeholders#recommendation-1');
  assert.equal(render('en', 'recommendation_decided', { ...payloads.recommendation_decided, decision: 'rejected' }).text, 'The decision-maker rejected the recommendation "Flere benker".');
});

test('budget news and results name the project or the process', () => {
  const news = render('en', 'budget_project_update', payloads.budget_project_update);
  assert.deepEqual([news.subject, news.text, news.quote], ['News about the project "Ny lekeplass"', 'The project "Ny lekeplass", which you voted for, has news.', { label: 'News', text: 'Gjennomført – 100 %' }]);
  assert.equal(render('nb', 'budget_project_update', payloads.budget_project_update).text, 'Prosjektet «Ny lekeplass», som du stemte på, har nytt.');
  // News written since the update carries its parts: each reader gets the status and the percentage in their language.
  const parts = { projectTitle: 'Ny lekeplass', status: 'implemented', milestone: 'Åpnet', progress: 100, answer: null, link: '/processes/budsjett/budgeting/p1/projects/x1' };
  assert.deepEqual(render('en', 'budget_project_update', parts).quote, { label: 'News', text: 'Implemented – Åpnet – 100%' });
  assert.deepEqual(render('nb', 'budget_project_update', parts).quote, { label: 'Nytt', text: `Gjennomført – Åpnet – ${formatPercent('nb', 1)}` });
  assert.deepEqual(render('sv', 'budget_project_update', { ...parts, status: null, milestone: null, progress: null, answer: 'Arbetet börjar i maj.' }).quote?.text, 'Arbetet börjar i maj.');
  assert.equal(render('nb', 'budget_results', payloads.budget_results).text, 'Resultatet av budsjettavstemningen i «Budsjett for 2027» er publisert: se hvilke prosjekter som blir gjennomført.');
  assert.equal(render('en', 'budget_results', payloads.budget_results).link, '/processes/budsjett/budgeting/p1/results');
});

test('no kind in any language shows a raw key: no "status:", no dotted message key, no unfilled placeholder', () => {
  const raw = /status:|\b[a-z]+(?:_[a-z]+)*\.[a-z_]+\.[a-z_]+\b|\{\w+\}|\b[a-z]+_[a-z_]+\b/;
  for (const locale of locales) {
    for (const kind of notificationKinds) {
      const rendered = render(locale, kind, payloads[kind]);
      for (const text of [rendered.subject, rendered.text, rendered.quote?.label ?? '', rendered.quote?.text ?? '']) {
        assert.doesNotMatch(text, raw, `${locale} ${kind}: ${text}`);
      }
      assert.ok(rendered.text.length > 10, `${locale} ${kind} has a sentence`);
      assert.ok(rendered.link.startsWith('/'), `${locale} ${kind} links to a page`);
    }
  }
  // The check itself catches the old text and a key left untranslated.
  assert.match('The idea "X" now has the status: accepted.', raw);
  assert.match('notify.status_changed.body', raw);
  assert.match('The idea "X" now has the status "under_consideration".', raw);
});

test('a status is named by its built-in translation, its label, or its key in words', () => {
  assert.equal(statusName('da', 'implemented', statusLabels, 'nb'), 'Gennemført');
  assert.equal(statusName('nb', 'sent_to_council', statusLabels, 'nb'), 'Sendt til kommunestyret');
  assert.equal(statusName('en', 'waiting_for_funds', statusLabels, 'nb'), 'waiting for funds');
});

test('a quote keeps the first three lines, at most 280 characters, cut at a word', () => {
  assert.equal(firstLines('One.\n\nTwo.'), 'One. Two.');
  assert.equal(firstLines('a\nb\nc\nd'), 'a b c…');
  const long = firstLines(`${'ord '.repeat(100)}slutt`);
  assert.ok(long.length <= 281 && long.endsWith('ord…'), long);
  assert.equal(firstLines('   '), '');
  assert.deepEqual(notificationLines(render('en', 'idea_hidden', payloads.idea_hidden), 'https://x.no'), [
    'A moderator hid your idea "Lys i smuget".',
    'Reason: Inneholder personopplysninger.',
    'https://x.no/processes/ny-sentrumsplan/ideas/i1',
  ]);
});

test('a hidden statement is named in the reader language, with the reason and a link to its conversation', () => {
  const nb = render('nb', 'statement_hidden', payloads.statement_hidden);
  assert.deepEqual([nb.subject, nb.text, nb.quote, nb.link], [
    'Utsagnet ditt er skjult',
    'En moderator har skjult utsagnet ditt «Torget bør stenges for biler.» i samtalen.',
    { label: 'Begrunnelse', text: 'Navn på en nabo.' },
    '/processes/torget/conversation/p2',
  ]);
  assert.equal(render('sv', 'statement_hidden', payloads.statement_hidden).text, 'En moderator har dolt ditt påstående ”Torget bør stenges for biler.” i samtalet.');
});

test('a reviewed fact says what the facilitator decided, with the reason', () => {
  const rejected = render('en', 'fact_reviewed', payloads.fact_reviewed);
  assert.deepEqual([rejected.text, rejected.quote?.text, rejected.link], ['The facilitator rejected your fact "Drosjer har løyve".', 'Kilden er ikke offentlig.', '/processes/uberx/stakeholders#fact-3']);
  assert.equal(render('da', 'fact_reviewed', { ...payloads.fact_reviewed, decision: 'approved', reason: null }).text, 'Facilitatoren godkendte dit faktum »Drosjer har løyve«: det står nu på faktaarket.');
});
