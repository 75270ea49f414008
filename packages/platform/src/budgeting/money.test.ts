import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemOf } from '../edge/errors.ts';
import { fail } from '../shared/result.ts';
import { moneyText, withMoneyShown } from './money.ts';

const plain = (text: string) => text.replace(/\s/g, ' ');

test('money is written as the reader’s language writes it', () => {
  assert.equal(plain(moneyText(1_200_000, 'NOK', 'nb')), '1 200 000 kr');
  assert.equal(plain(moneyText(1_200_000, 'NOK', 'en')), 'NOK 1,200,000');
  assert.equal(plain(moneyText(2500, 'EUR', 'en')), '€2,500');
});

test('an over-budget ballot and a paper line say their amounts formatted; other params stay numbers', () => {
  const ballot = fail('BallotInvalid', [
    { field: 'projects', message: 'budgeting.ballot.overBudget', params: { total: 1_100_000, budget: 1_000_000 } },
    { field: 'projects', message: 'budgeting.ballot.tooMany', params: { max: 3 } },
  ]);
  const shown = problemOf('nb', withMoneyShown(ballot, 'NOK', 'nb'));
  assert.equal(plain(shown.fields[0]?.message ?? ''), 'Prosjektene du valgte koster 1 100 000 kr til sammen, mer enn budsjettet på 1 000 000 kr. Fjern et prosjekt eller velg et billigere.');
  assert.equal(shown.fields[1]?.message, 'Velg høyst 3 prosjekter.');
  const line = fail('ValidationFailed', [{ field: 'ballots', message: 'budgeting.line.overBudget', params: { line: 12, cost: 700_000, budget: 600_000 } }]);
  assert.equal(plain(problemOf('en', withMoneyShown(line, 'NOK', 'en')).fields[0]?.message ?? ''), plain(`Line 12: the projects cost ${moneyText(700_000, 'NOK', 'en')} in total, more than the budget of ${moneyText(600_000, 'NOK', 'en')}.`));
  assert.equal(withMoneyShown(fail('NotFound'), 'NOK', 'nb').fields, undefined);
});
