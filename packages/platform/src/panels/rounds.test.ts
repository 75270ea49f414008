import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { translate } from '../i18n/translate.ts';
import { codeAlphabet, newShortCode } from './rounds.ts';
import { histogram, quantile, summarise } from './probabilities.ts';

let platform: Platform;
let drop: () => Promise<void>;
const now = new Date('2026-12-10T10:00:00Z');
let admin: Actor;
let resident: Actor;
let panelId = '';

/** 300 people in 150 households: 3 areas (Nord twice the others), 2 age bands, 2 sexes. */
function registerCsv(): string {
  const lines = ['id,name,address,postcode,city,area,age_band,sex'];
  for (let i = 1; i <= 300; i++) {
    const h = Math.ceil(i / 2);
    const area = ['Nord', 'Nord', 'Sør', 'Øst'][h % 4];
    lines.push(`P${i},Innbygger ${i},Storgata ${h},${1000 + h},Tingby,${area},${h % 3 === 0 ? '67+' : '16–66'},${i % 2 === 0 ? 'Kvinne' : 'Mann'}`);
  }
  return lines.join('\n');
}

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => now }));
  const user = async (email: string, roles: ('process_manager' | 'resident')[]) => ({ id: await platform.accounts.ensureUser({ email, displayName: email, password: null, roles }), roles });
  admin = await user('rounds-admin@example.no', ['process_manager']);
  resident = await user('rounds-resident@example.no', ['resident']);
  const process = await platform.processes.ensureProcess({
    slug: 'rundepanel',
    status: 'published',
    title: { nb: 'Rundepanel' },
    summary: { nb: 'Panel i runder' },
    startsOn: null,
    endsOn: null,
    createdBy: admin.id,
    phases: [{ method: 'panel', title: { nb: 'Panel' }, startsOn: '2026-11-01', endsOn: '2027-03-31' }],
  });
  const created = await platform.panels.createPanel(admin, process.id, { title: 'Rundepanelet', locale: 'nb' });
  assert.ok(created.ok);
  panelId = created.value.id;
  assert.ok((await platform.panels.updateSetup(admin, panelId, { title: 'Rundepanelet', size: '6', householdRule: 'on', approvalPercent: '80', endsOn: '2027-03-31', deletePoolOn: '2027-06-30', consentText: 'Samtykke.' })).ok);
  assert.ok((await platform.panels.setQuotas(admin, panelId, 'category,value,min,max\nBydel,Nord,2,4\nBydel,Sør,1,3\nBydel,Øst,1,3\nKjønn,Kvinne,2,4\nKjønn,Mann,2,4')).ok);
  assert.ok((await platform.panels.importRegister(admin, panelId, registerCsv())).ok);
});
after(async () => drop());

test('short codes: XXXX-XXXX from an alphabet without look-alikes, and unique', () => {
  for (const c of ['0', 'O', '1', 'I', 'L']) assert.ok(!codeAlphabet.includes(c), c);
  const seen = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const code = newShortCode();
    assert.match(code, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    seen.add(code);
  }
  // 31^8 ≈ 8.5e11 codes: 5,000 draws collide with probability about 1.5e-5.
  assert.equal(seen.size, 5000);
});

test('probability summaries: quartiles by linear interpolation, histogram bins of 0.1', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([0, 10], 0.25), 2.5);
  assert.deepEqual(summarise([0.3, 0.1, 0.2, 0.5, 0.4]), { people: 5, min: 0.1, q1: 0.2, median: 0.3, q3: 0.4, max: 0.5 });
  assert.deepEqual(histogram([0, 0.05, 0.1, 0.99, 1]), [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
});

test('round 1: proportional proposal, stratified draw with a reserve, reproducible from its seed; letters with short addresses', async () => {
  assert.equal((await platform.panels.roundPlan(resident, panelId)).ok, false);
  const plan = await platform.panels.roundPlan(admin, panelId, { letters: 40, reserve: 8 });
  assert.ok(plan.ok);
  assert.deepEqual(plan.value.dimensions, { area: true, ageBand: true, sex: true });
  assert.equal(plan.value.nextRound, 1);
  // Households (150) are the candidates under the household rule; 12 strata at most.
  assert.equal(plan.value.strata.reduce((a, s) => a + s.candidates, 0), 150);
  assert.equal(plan.value.strata.reduce((a, s) => a + s.proposedCount, 0), 40);
  assert.equal(plan.value.strata.reduce((a, s) => a + s.proposedReserve, 0), 8);
  const byArea = (area: string) => plan.value.strata.filter((s) => s.area === area).reduce((a, s) => a + s.proposedCount, 0);
  // Nord has half the households: half the letters.
  assert.equal(byArea('Nord'), 20);
  assert.equal(byArea('Sør') + byArea('Øst'), 20);

  const strata = plan.value.strata.map((s) => ({ area: s.area, ageBand: s.ageBand, sex: s.sex, count: s.proposedCount, reserve: s.proposedReserve }));
  // Too many in one stratum: refused by name, nothing written.
  const first = strata[0]!;
  const tooMany = await platform.panels.drawInvitationRound(admin, panelId, { strata: [{ ...first, count: 500 }], seed: 'x' });
  assert.equal(tooMany.ok, false);
  assert.ok(!tooMany.ok && tooMany.fields?.[0]?.message === 'panels.round.stratumShort', JSON.stringify(tooMany));
  const params = !tooMany.ok ? tooMany.fields?.[0]?.params : undefined;
  assert.equal(params?.stratum, [first.area, first.ageBand, first.sex].join(' / '));
  assert.equal(params?.requested, 500 + first.reserve);
  assert.match(translate('en', 'panels.round.stratumShort', params ?? {}), /only \d+ there have not been invited/);
  assert.equal((await platform.db.selectFrom('panel_invitations').select('id').where('panel_id', '=', panelId).execute()).length, 0);
  const badContact = await platform.panels.drawInvitationRound(admin, panelId, { strata, contactEmail: 'not-an-address', replyBy: '2020-01-01' });
  assert.deepEqual(!badContact.ok && badContact.fields?.map((f) => f.field).sort(), ['contactEmail', 'replyBy']);

  const drawn = await platform.panels.drawInvitationRound(admin, panelId, { strata, seed: 'Runde 1', replyBy: '2027-01-15', contactName: 'Kari Nordmann', contactPhone: '+47 22 00 00 00', contactEmail: 'panel@tingby.kommune.no' });
  assert.ok(drawn.ok, JSON.stringify(drawn));
  assert.deepEqual(drawn.value, { round: 1, invited: 40, reserve: 8, seed: 'Runde 1' });
  const rows = await platform.db
    .selectFrom('panel_invitations as i')
    .innerJoin('panel_register as r', 'r.id', 'i.register_id')
    .select(['r.person_ref', 'r.household', 'i.reserve', 'i.code', 'i.stratum', 'r.area'])
    .where('i.panel_id', '=', panelId)
    .orderBy('i.position')
    .execute();
  assert.equal(rows.length, 48);
  assert.equal(rows.filter((r) => r.reserve).length, 8);
  assert.equal(new Set(rows.map((r) => r.household)).size, 48);
  assert.equal(new Set(rows.map((r) => r.code)).size, 48);
  assert.equal(rows.filter((r) => !r.reserve && r.area === 'Nord').length, 20);

  // The same register, earlier rounds and seed give the same people (the sortition package redoes it).
  const { drawRound, createRandom } = await import('@tingsted/sortition');
  const register = await platform.db.selectFrom('panel_register').select(['id', 'person_ref', 'household', 'area', 'age_band', 'sex']).where('panel_id', '=', panelId).orderBy('line').execute();
  const again = drawRound({ rows: register.map((r) => ({ ...r, ageBand: r.age_band })), strata, householdRule: true, invitedBefore: new Set() }, createRandom('tingsted-panels-round-1:Runde 1'));
  assert.ok(again.ok);
  assert.deepEqual([...again.invited, ...again.reserve].map((x) => x.row.person_ref), rows.map((r) => r.person_ref));

  const letters = await platform.panels.roundLetters(admin, panelId, 1, 'en');
  assert.ok(letters.ok);
  assert.equal(letters.value.count, 40);
  assert.equal((await platform.panels.roundLetters(resident, panelId, 1, 'en')).ok, false);
  assert.equal((await platform.panels.roundLetters(admin, panelId, 9, 'en')).ok, false);

  // The short code leads to its panel; unknown codes are refused by field.
  const code = rows.find((r) => !r.reserve)!.code;
  const found = await platform.panels.findInvitationByCode(code.toLowerCase().replace('-', ' '));
  assert.deepEqual(found.ok && found.value, { panelId, code });
  const unknown = await platform.panels.findInvitationByCode('ZZZZ-ZZZZ');
  assert.deepEqual(!unknown.ok && unknown.fields, [{ field: 'code', message: 'panels.code.unknown' }]);
});

test('the reserve is invited on release, and a second round is aimed at the groups still missing', async () => {
  const released = await platform.panels.releaseRoundReserve(admin, panelId, { round: 1, count: 3 });
  assert.deepEqual(released.ok && released.value, { released: 3 });
  const letters = await platform.panels.roundLetters(admin, panelId, 1, 'nb');
  assert.ok(letters.ok && letters.value.count === 43);
  assert.equal((await platform.panels.releaseRoundReserve(admin, panelId, { round: 2 })).ok, false);

  // Six people register, all men from Nord: Sør, Øst and women are missing.
  const invited = await platform.db
    .selectFrom('panel_invitations as i')
    .innerJoin('panel_register as r', 'r.id', 'i.register_id')
    .select(['i.code', 'r.area'])
    .where('i.panel_id', '=', panelId)
    .where('i.reserve', '=', false)
    .where('r.area', '=', 'Nord')
    .orderBy('i.position')
    .limit(6)
    .execute();
  for (const r of invited) {
    const registered = await platform.panels.registerRespondent(panelId, { code: r.code, consent: 'on', answers: { Bydel: 'Nord', Kjønn: 'Mann' }, name: 'Ola', email: 'ola@example.no', phone: '' });
    assert.ok(registered.ok, JSON.stringify(registered));
  }
  const plan = await platform.panels.roundPlan(admin, panelId);
  assert.ok(plan.ok);
  assert.equal(plan.value.nextRound, 2);
  const need = Object.fromEntries(plan.value.categories.flatMap((c) => c.values.map((v) => [`${c.name}:${v.value}`, [v.registered, v.need, v.stratifiedBy]])));
  assert.deepEqual(need, {
    'Bydel:Nord': [6, 0, 'area'],
    'Bydel:Sør': [0, 1, 'area'],
    'Bydel:Øst': [0, 1, 'area'],
    'Kjønn:Kvinne': [0, 2, 'sex'],
    'Kjønn:Mann': [6, 0, 'sex'],
  });
  // Letters go to the strata of the missing groups (Sør, Øst, women anywhere), none to Nord men.
  const proposed = plan.value.strata.filter((s) => s.proposedCount > 0);
  assert.ok(proposed.length > 0);
  assert.ok(proposed.every((s) => s.area !== 'Nord' || s.sex === 'Kvinne'));
  assert.ok(plan.value.strata.filter((s) => s.area === 'Nord' && s.sex === 'Mann').every((s) => s.proposedCount === 0));
  // Staff adjust and draw: nobody invited in round 1 (or their household) is drawn again.
  const second = await platform.panels.drawInvitationRound(admin, panelId, { strata: proposed.map((s) => ({ area: s.area, ageBand: s.ageBand, sex: s.sex, count: s.proposedCount })) });
  assert.ok(second.ok, JSON.stringify(second));
  assert.equal(second.value.round, 2);
  const households = await platform.db.selectFrom('panel_invitations as i').innerJoin('panel_register as r', 'r.id', 'i.register_id').select(['r.household']).where('i.panel_id', '=', panelId).execute();
  assert.equal(new Set(households.map((h) => h.household)).size, households.length);
  const audit = await platform.db.selectFrom('audit_log').select(['action']).where('subject_id', '=', panelId).where('action', 'in', ['panel.invitation_round_drawn', 'panel.reserve_released']).execute();
  assert.equal(audit.length, 3);
});
