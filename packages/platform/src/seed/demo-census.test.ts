// The demo census file in docs/ is the generated one, and it reads as a valid census of Demo kommune.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCensusFile } from '../census/census.csv.ts';
import { demoCensusCsv } from './demo-census.ts';
import { demoAreas } from './demo.ts';

test('docs/census-demo.csv is the generated demo census, and it imports for the demo areas', () => {
  const file = readFileSync(new URL('../../../../docs/census-demo.csv', import.meta.url), 'utf8');
  assert.equal(file, demoCensusCsv(), 'regenerate docs/census-demo.csv from seed/demo-census.ts');
  const read = readCensusFile(file, demoAreas);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  assert.deepEqual(read.census.areas, demoAreas);
  assert.deepEqual(read.census.ageBands.map((b) => b.label), ['0–15', '16–29', '30–44', '45–66', '67+']);
  assert.equal(read.census.population, 19_400);
});
