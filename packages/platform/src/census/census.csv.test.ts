// Reading census exports: a good file in the SSB manner (semicolons, Norwegian headers, "I alt" totals),
// and bad files refused with the lines concerned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineRanges, readAgeBand, readCensusFile } from './census.csv.ts';

const areas = ['Sentrum', 'Nordbyen'];

/** A small, consistent census: two areas, two age bands, both sexes, with area and municipality totals. */
const good = [
  'område;alder;kjønn;personer',
  'Sentrum;0-15 år;Kvinner;700',
  'Sentrum;0-15 år;Menn;720',
  'Sentrum;16 år eller eldre;Kvinner;2560',
  'Sentrum;16 år eller eldre;Menn;2420',
  'Sentrum;I alt;I alt;6400',
  'Nordbyen;0-15 år;Kvinner;400',
  'Nordbyen;0-15 år;Menn;420',
  'Nordbyen;16 år eller eldre;Kvinner;1390',
  'Nordbyen;16 år eller eldre;Menn;1390',
  'Nordbyen;I alt;I alt;3600',
  'I alt;I alt;I alt;10 000',
].join('\n');

test('a census export is read: cells, age bands in order, areas in the municipality’s order, the population', () => {
  const read = readCensusFile(good, ['Nordbyen', 'Sentrum', 'Sørbyen']);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  assert.deepEqual(read.census.dimensions, ['area', 'age', 'sex']);
  assert.deepEqual(read.census.areas, ['Nordbyen', 'Sentrum']);
  assert.deepEqual(read.census.ageBands, [{ label: '0–15', from: 0, to: 15 }, { label: '16+', from: 16, to: null }]);
  assert.equal(read.census.cells.length, 8);
  assert.equal(read.census.population, 10_000);
  assert.deepEqual(read.census.cells[0], { area: 'Sentrum', age: '0–15', sex: 'female', education: null, population: 700 });
});

test('an education column is a fourth dimension; comma files with English headers read the same', () => {
  const text = ['area,age,sex,education,population', 'Sentrum,16-66,female,Higher,10', 'Sentrum,16-66,female,Other,20', 'Sentrum,16-66,male,Higher,5', 'Sentrum,16-66,male,Other,25', 'Sentrum,total,total,total,60'].join('\r\n');
  const read = readCensusFile(text, areas);
  assert.ok(read.ok, JSON.stringify(!read.ok && read.errors));
  assert.deepEqual(read.census.dimensions, ['area', 'age', 'sex', 'education']);
  assert.deepEqual(read.census.educations, ['Higher', 'Other']);
});

test('an inconsistent total names its line, the sum found and the lines it covers', () => {
  const read = readCensusFile(good.replace('Nordbyen;I alt;I alt;3600', 'Nordbyen;I alt;I alt;3700'), areas);
  assert.equal(read.ok, false);
  assert.ok(!read.ok);
  assert.deepEqual(read.errors, [{ field: 'census', message: 'census.file.totalMismatch', params: { line: 11, stated: 3700, sum: 3600, lines: '7–10' } }]);
});

test('a missing cell shows as totals that do not add up, naming those totals', () => {
  const read = readCensusFile(good.replace('Sentrum;0-15 år;Menn;720\n', ''), areas);
  assert.ok(!read.ok);
  assert.deepEqual(read.errors.map((e) => [e.message, e.params?.line]), [['census.file.totalMismatch', 5], ['census.file.totalMismatch', 11]]);
});

test('an area without its total row is refused, naming the area and its lines', () => {
  const read = readCensusFile(good.replace('Sentrum;I alt;I alt;6400\n', ''), areas);
  assert.ok(!read.ok);
  assert.deepEqual(read.errors, [{ field: 'census', message: 'census.file.areaTotalMissing', params: { area: 'Sentrum', lines: '2–5' } }]);
});

test('row problems are all reported with their lines before anything is imported', () => {
  const bad = [
    'area,age,sex,population',
    'Sentrum,16-29,female,12',
    'Sentrum,16-29,female,13', // repeated cell
    'Sentrum,20-24,male,5', // overlaps 16–29
    'Vestbyen,16-29,male,4', // not an area of the municipality
    'Sentrum,young,male,4', // unreadable age
    'Sentrum,16-29,x,4', // unknown sex
    'Sentrum,16-29,male,many', // not a number
    'Sentrum,16-29,male', // a field short
    'Sentrum,total,total,30',
  ].join('\n');
  const read = readCensusFile(bad, areas);
  assert.ok(!read.ok);
  assert.deepEqual(
    read.errors.map((e) => [e.message, e.params?.line ?? null]),
    [
      ['census.file.unknownArea', 5],
      ['census.file.age', 6],
      ['census.file.sex', 7],
      ['census.file.number', 8],
      ['census.file.fieldCount', 9],
      ['census.file.overlap', 4],
      ['census.file.duplicate', 3],
    ],
  );
});

test('a file without the columns it needs says which are missing; an empty file says so', () => {
  const read = readCensusFile('region,personer\nSentrum,10\n', areas);
  assert.ok(!read.ok);
  assert.deepEqual(read.errors, [{ field: 'census', message: 'census.file.columns', params: { columns: 'age, sex' } }]);
  const empty = readCensusFile('  \n', areas);
  assert.ok(!empty.ok);
  assert.equal(empty.errors[0]?.message, 'census.file.empty');
});

test('age bands are read as exports write them', () => {
  assert.deepEqual(readAgeBand('16-29'), { label: '16–29', from: 16, to: 29 });
  assert.deepEqual(readAgeBand('16–29 år'), { label: '16–29', from: 16, to: 29 });
  assert.deepEqual(readAgeBand('67 år eller eldre'), { label: '67+', from: 67, to: null });
  assert.deepEqual(readAgeBand('67+'), { label: '67+', from: 67, to: null });
  assert.deepEqual(readAgeBand('80 år och äldre'), { label: '80+', from: 80, to: null });
  assert.deepEqual(readAgeBand('16 år'), { label: '16', from: 16, to: 16 });
  assert.equal(readAgeBand('29-16'), null);
  assert.equal(readAgeBand('unge'), null);
});

test('line numbers are shown as ranges', () => {
  assert.equal(lineRanges([7, 2, 3, 4, 9, 10]), '2–4, 7, 9–10');
});
