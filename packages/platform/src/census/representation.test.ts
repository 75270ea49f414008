// Representation figures on a generated population whose answers are known by construction: every census
// cell sends a tenth of its people, except men 16–29 in Nordbyen (4 instead of 31), whose 27 missing places
// go to women 67+ in Sentrum; 30 more people told only their area, 20 told nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ageBandOf,
  combinationsOf,
  groupingOf,
  missingDimensions,
  mostUnderRepresented,
  wilsonInterval,
  type CensusCell,
  type CensusForRepresentation,
  type ParticipantProfile,
} from './representation.ts';

const bands = ['0–15', '16–29', '30–66', '67+'];
const populationOf: Record<string, Record<string, [number, number]>> = {
  // [women, men] per age band
  Sentrum: { '0–15': [700, 720], '16–29': [600, 640], '30–66': [1400, 1380], '67+': [560, 400] },
  Nordbyen: { '0–15': [400, 420], '16–29': [300, 310], '30–66': [800, 820], '67+': [290, 260] },
};
const cells: CensusCell[] = Object.entries(populationOf).flatMap(([area, byAge]) =>
  Object.entries(byAge).flatMap(([age, [women, men]]) => [
    { area, age, sex: 'female' as const, education: null, population: women },
    { area, age, sex: 'male' as const, education: null, population: men },
  ]),
);
const census: CensusForRepresentation = { dimensions: ['area', 'age', 'sex'], cells, values: { area: ['Sentrum', 'Nordbyen'], age: bands, sex: ['female', 'male'], education: [] } };

const participants: ParticipantProfile[] = [];
for (const cell of cells) {
  let count = cell.population / 10;
  if (cell.area === 'Nordbyen' && cell.age === '16–29' && cell.sex === 'male') count = 4;
  if (cell.area === 'Sentrum' && cell.age === '67+' && cell.sex === 'female') count += 27;
  for (let i = 0; i < count; i++) participants.push({ area: cell.area, age: cell.age, sex: cell.sex, education: null });
}
for (let i = 0; i < 30; i++) participants.push({ area: 'Sentrum', age: null, sex: null, education: null });
for (let i = 0; i < 20; i++) participants.push({ area: null, age: null, sex: null, education: null });

const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

test('the generated population is what the known answers assume', () => {
  assert.equal(cells.reduce((s, c) => s + c.population, 0), 10_000);
  assert.equal(participants.length, 1050);
});

test('Wilson intervals match published values and stay inside [0, 1]', () => {
  // Brown, Cai & DasGupta (2001) and every textbook table: 0/10 → [0, 0.2775], 5/10 → [0.2366, 0.7634], 1/10 → [0.0179, 0.4042].
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const cases: [number, number, number, number][] = [[0, 10, 0, 0.2775], [5, 10, 0.2366, 0.7634], [1, 10, 0.0179, 0.4042], [10, 10, 0.7225, 1]];
  for (const [count, n, low, high] of cases) {
    const interval = wilsonInterval(count, n);
    assert.deepEqual([round(interval.low), round(interval.high)], [low, high], `${count}/${n}`);
  }
  assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 1 });
});

test('by sex, age and area together: the missing young men of Nordbyen, 4 participants against 31 expected', () => {
  const grouping = groupingOf(census, participants, ['sex', 'age', 'area']);
  assert.equal(grouping.counted, 1000);
  assert.equal(grouping.notGiven, 50);
  assert.equal(grouping.outside, 0);
  assert.equal(grouping.groups.length, 16, 'every census group is listed');
  const young = grouping.groups.find((g) => g.values.sex === 'male' && g.values.age === '16–29' && g.values.area === 'Nordbyen');
  assert.ok(young);
  assert.equal(young.population, 310);
  assert.equal(young.participants, 4);
  near(young.expected, 31, 'expected');
  near(young.ratio ?? NaN, 4 / 31, 'ratio');
  near(young.share, 0.004, 'share');
  assert.ok(young.low < 0.004 && young.high > 0.004 && young.high < 0.031, 'the interval lies wholly below the census share');
  const receiving = grouping.groups.find((g) => g.values.sex === 'female' && g.values.age === '67+' && g.values.area === 'Sentrum');
  assert.equal(receiving?.participants, 83);
  const typical = grouping.groups.find((g) => g.values.sex === 'female' && g.values.age === '30–66' && g.values.area === 'Nordbyen');
  near(typical?.ratio ?? NaN, 1, 'a group as in the census');
});

test('one dimension at a time counts everyone who told it, and says how many did not', () => {
  const byArea = groupingOf(census, participants, ['area']);
  assert.equal(byArea.counted, 1030);
  assert.equal(byArea.notGiven, 20);
  const nordbyen = byArea.groups.find((g) => g.values.area === 'Nordbyen');
  assert.equal(nordbyen?.participants, 333);
  near(nordbyen?.expected ?? NaN, 0.36 * 1030, 'Nordbyen expected');
  const byAge = groupingOf(census, participants, ['age']);
  assert.equal(byAge.counted, 1000);
  assert.equal(byAge.notGiven, 50);
  assert.deepEqual(byAge.groups.map((g) => g.values.age), bands, 'in the order of the bands');
  assert.deepEqual(byAge.groups.map((g) => g.participants), [224, 34 + 60 + 64, 440, 83 + 40 + 26 + 29]);
  const shares = byAge.groups.reduce((s, g) => s + g.share, 0);
  near(shares, 1, 'shares of the counted add up to 1');
});

test('a value the census has no group for is counted apart, not put in a group', () => {
  const grouping = groupingOf(census, [...participants, { area: 'Utenbys', age: '16–29', sex: 'male', education: null }], ['area']);
  assert.equal(grouping.outside, 1);
  assert.equal(grouping.counted, 1030);
});

test('the most under-represented groups are named lowest ratio first, without repeating one inside another', () => {
  const groupings = combinationsOf(['sex', 'age', 'area']).map((dims) => groupingOf(census, participants, dims));
  const named = mostUnderRepresented(groupings, { maxRatio: 0.8, minExpected: 5, limit: 3 });
  assert.deepEqual(named[0]?.values, { sex: 'male', age: '16–29', area: 'Nordbyen' });
  assert.equal(named[0]?.participants, 4);
  near(named[0]?.expected ?? NaN, 31, 'expected');
  // Every other group below 0.8 contains that one (men 16–29: 68 of 95; 16–29 in Nordbyen: 34 of 61).
  assert.equal(named.length, 1);
  // Without the expected-count floor nothing changes; with a floor above 31 the group is too small to judge.
  assert.deepEqual(mostUnderRepresented(groupings, { maxRatio: 0.8, minExpected: 32, limit: 3 }).map((n) => n.values), [{ age: '16–29', area: 'Nordbyen' }, { sex: 'male', age: '16–29' }]);
});

test('combinations run from single dimensions to all of them, in the given order', () => {
  assert.deepEqual(combinationsOf(['area', 'age', 'sex']), [['area'], ['age'], ['sex'], ['area', 'age'], ['area', 'sex'], ['age', 'sex'], ['area', 'age', 'sex']]);
});

test('a dimension the census lacks is named', () => {
  assert.deepEqual(missingDimensions(census, ['area', 'education']), ['education']);
  assert.deepEqual(missingDimensions(census, ['sex', 'age']), []);
});

test('ages fall in the band that holds them, the last band open-ended', () => {
  const ageBands = [{ label: '0–15', from: 0, to: 15 }, { label: '16–29', from: 16, to: 29 }, { label: '67+', from: 67, to: null }];
  assert.equal(ageBandOf(ageBands, 16)?.label, '16–29');
  assert.equal(ageBandOf(ageBands, 29)?.label, '16–29');
  assert.equal(ageBandOf(ageBands, 101)?.label, '67+');
  assert.equal(ageBandOf(ageBands, 40), null);
});
