import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogProblems, keysDefinedTwice } from '@tingsted/platform/i18n';
import { sentEn } from '@tingsted/platform/i18n/sent/en';
import { shownEn } from '@tingsted/platform/i18n/shown/en';
import { catalogs, isMessageKey, translate } from './translate.server.ts';
import { analysisEn } from './messages/analysis/en.ts';
import { summariesEn } from './messages/summaries/en.ts';
import { analysisTopicsEn } from './messages/analysis-topics/en.ts';
import { censusEn } from './messages/census/en.ts';
import { workspaceEn } from './messages/workspace/en.ts';
import { budgetingManageEn } from './messages/budgeting-manage/en.ts';
import { budgetingEn } from './messages/budgeting/en.ts';
import { privacyEn } from './messages/privacy/en.ts';
import { moderationEn } from './messages/moderation/en.ts';
import { mapEn } from './messages/map/en.ts';
import { proposalsEn } from './messages/proposals/en.ts';
import { panelRecruitmentEn } from './messages/panel-recruitment/en.ts';
import { conversationsEn } from './messages/conversations/en.ts';
import { manageEn } from './messages/manage/en.ts';
import { panelMembersEn } from './messages/panel-members/en.ts';
import { panelsEn } from './messages/panels/en.ts';
import { panelsStaffEn } from './messages/panels-staff/en.ts';
import { processesEn } from './messages/processes/en.ts';
import { siteEn } from './messages/site/en.ts';
import { stakeholdersEn } from './messages/stakeholders/en.ts';
import { eventsEn } from './messages/events/en.ts';
import { duplicatesEn } from './messages/duplicates/en.ts';
import { updatesEn } from './messages/updates/en.ts';
import { chartsEn } from './messages/charts/en.ts';
import { recommendationsEn } from './messages/recommendations/en.ts';

test('every page text is in all five languages, translated, with the same placeholders', () => {
  assert.deepEqual(catalogProblems(catalogs), []);
});

test('the catalog check fails on a page key missing in one language', () => {
  const en = { 'nav.home': 'Home', 'home.title': 'Take part in {municipality}' };
  const small = { nb: { 'home.title': 'Delta i {municipality}' }, nn: en, sv: en, da: en, en };
  assert.deepEqual(catalogProblems(small), ['nb lacks nav.home']);
  const withoutOne = Object.fromEntries(Object.entries(catalogs.sv).filter(([key]) => key !== 'nav.home'));
  assert.deepEqual(catalogProblems({ ...catalogs, sv: withoutOne }), ['sv lacks nav.home']);
});

test('each key is defined once: in one page area or in the platform, and pages carry nothing the platform only sends', () => {
  const parts = {
    platform: shownEn,
    site: siteEn,
    processes: processesEn,
    manage: manageEn,
    conversations: conversationsEn,
    stakeholders: stakeholdersEn,
    recommendations: recommendationsEn,
    panels: panelsEn,
    panelsStaff: panelsStaffEn,
    panelMembers: panelMembersEn,
    analysis: analysisEn,
    summaries: summariesEn,
    analysisTopics: analysisTopicsEn,
    census: censusEn,
    budgetingManage: budgetingManageEn,
    budgeting: budgetingEn,
    privacy: privacyEn,
    moderation: moderationEn,
    map: mapEn,
    proposals: proposalsEn,
    events: eventsEn,
    duplicates: duplicatesEn,
    updates: updatesEn,
    panelRecruitment: panelRecruitmentEn,
    workspace: workspaceEn,
    charts: chartsEn,
  };
  assert.deepEqual(keysDefinedTwice(parts), []);
  assert.equal(
    Object.values(parts).reduce((n, part) => n + Object.keys(part).length, 0),
    Object.keys(catalogs.en).length,
  );
  assert.deepEqual(
    Object.keys(sentEn).filter((key) => isMessageKey(key)),
    [],
  );
});

const root = new URL('../../../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory())
      return name === 'messages' || name === 'node_modules' ? [] : sources(full);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

// A key a page names: the first argument of `t(…)` (`locals.t` too), the second of `translate(locale, …)`, the
// argument of the browser tests' `nb(…)`; and any other quoted text in one of the catalog's namespaces
// (`done: 'manage.saved'`, `cond ? 'a.b' : 'a.c'`), file names aside.
const called = /\b(?:t|nb)\(\s*(['"`])([^'"`$\s]+)\1|\btranslate\([^,()]+,\s*(['"`])([^'"`$\s]+)\3/g;
const templated = /\b(?:t|nb)\(\s*`([^`$]+)\$\{/g;
const quoted = /(['"`])([a-zA-Z]\w*(?:\.[\w+-]+)+)\1/g;
const namespaces = new Set(Object.keys(catalogs.en).map((key) => key.split('.')[0]));

/** The keys `source` names that the web catalog lacks, and the `t(`prefix.${…}`)` prefixes no key starts with. */
function unknownKeys(source: string): string[] {
  const keys = new Set(Object.keys(catalogs.en));
  const unknown = new Set<string>();
  for (const m of source.matchAll(called)) if (!keys.has(m[2] ?? m[4] ?? '')) unknown.add(m[2] ?? m[4] ?? '');
  for (const m of source.matchAll(quoted)) {
    const text = m[2] ?? '';
    if (namespaces.has(text.split('.')[0]) && !/\.(csv|pdf|json)$/.test(text) && !keys.has(text))
      unknown.add(text);
  }
  for (const m of source.matchAll(templated)) {
    const prefix = m[1] ?? '';
    if (![...keys].some((key) => key.startsWith(prefix))) unknown.add(`${prefix}…`);
  }
  return [...unknown];
}

test('every key the pages and the browser tests name is in the web catalog', () => {
  const files = [...sources(join(root, 'apps/web/src')), ...sources(join(root, 'e2e'))];
  assert.ok(files.length > 50, `found only ${files.length} source files`);
  const left = files.flatMap((file) =>
    unknownKeys(readFileSync(file, 'utf8')).map((key) => `${relative(root, file)}: ${key}`),
  );
  assert.deepEqual(left, []);
  // The scan catches a key left behind in each form it looks for.
  const fixture =
    "t('nav.gone'); locals.t(`error.Gone`); translate('nb', 'panels.gone'); t(`processes.gone.${s}`); done: 'manage.gone'; 'report.pdf'";
  assert.deepEqual(unknownKeys(fixture), [
    'nav.gone',
    'error.Gone',
    'panels.gone',
    'manage.gone',
    'processes.gone.…',
  ]);
});

test('a count of one is written in the singular in every language, more than one in the plural, numbers as the language writes them', () => {
  const one = { nb: '1 kommentar', nn: '1 kommentar', sv: '1 kommentar', da: '1 kommentar', en: '1 comment' };
  const many = { nb: '1 234 kommentarer', nn: '1 234 kommentarar', sv: '1 234 kommentarer', da: '1.234 kommentarer', en: '1,234 comments' };
  for (const locale of ['nb', 'nn', 'sv', 'da', 'en'] as const) {
    assert.equal(translate(locale, 'ideas.comments', { count: 1 }), one[locale]);
    assert.equal(translate(locale, 'ideas.comments', { count: 1234 }).replace(/[\u00a0\u202f]/g, ' '), many[locale]);
  }
  assert.equal(translate('nb', 'budgeting.manage.results.votes', { count: 1 }), '1 stemme');
  assert.equal(translate('sv', 'pb.ballot.chosen', { count: 1 }), 'Du har valt 1 projekt.');
  assert.equal(translate('da', 'panels.public.membersCount', { count: 1 }), '1 medlem.');
  assert.equal(translate('en', 'conversations.results.summary', { participants: 1, votes: 1, inGroups: 1, groups: 1 }), '1 participant has cast 1 vote; 1 of them are placed in 1 opinion group.');
  assert.equal(translate('nb', 'ideas.supports', { count: 1 }), 'Støttet av 1 person');
});
