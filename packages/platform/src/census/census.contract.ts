// The contracts of the census module's use cases: importing the census, reading which is in use, a process's
// representation against it, and the outreach thresholds. Shared by the /api/v1 routes
// (apps/server/src/api/census.ts) and the pages' form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id, oneOf } from '../edge/schemas.ts';
import { censusDimensions } from './representation.ts';

const Count = Type.Integer({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Dimension = oneOf(censusDimensions, { description: 'area, age (band), sex or education' });
const Values = Type.Record(Type.String(), Type.String(), { description: "The group's value per dimension (sex: female or male; age: the census band, such as 16–29)" });

/** The census in use. */
export const CensusSummarySchema = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  source: Type.String(),
  dimensions: Type.Array(Dimension),
  areas: Type.Array(Type.String()),
  ageBands: Type.Array(Type.Object({ label: Type.String(), from: Count, to: Type.Union([Count, Type.Null()]) })),
  educations: Type.Array(Type.String()),
  population: Count,
  importedAt: Type.String({ format: 'date-time' }),
});

const Shortfall = Type.Object({ dimensions: Type.Array(Dimension), values: Values, participants: Count, expected: Type.Number({ minimum: 0 }), ratio: Type.Number({ minimum: 0 }) });

/** Census contracts by use case. */
export const censusContracts = {
  importCensus: contract({
    name: 'importCensus',
    summary:
      'Import the census of a year (CSV: area, age, sex, optionally education, population, with a total row per area; see docs/census-format.md). Every problem is reported with its line and nothing is stored from a file with one (administrators)',
    input: Type.Object({
      year: Type.Integer({ minimum: 1900, maximum: 2100, description: 'The year the figures describe' }),
      source: Type.Optional(Type.String({ maxLength: 200, description: 'Where the figures come from, such as "SSB tabell 07459"' })),
      census: Type.String({ maxLength: 5_000_000, description: 'The census file as CSV text (comma, semicolon or tab)' }),
    }),
    output: CensusSummarySchema,
  }),
  currentCensus: contract({
    name: 'currentCensus',
    summary: 'The census in use (the newest year imported), or null before any import (administrators, process managers and decision-makers)',
    input: Type.Object({}),
    output: Type.Object({ census: Type.Union([CensusSummarySchema, Type.Null()]) }),
  }),
  representationOf: contract({
    name: 'representationOf',
    summary:
      "Who took part in a process, or one phase of it (for a panel phase: the panel's members), against the census: per dimension and every combination of them, each group's participants, share with its 95 % Wilson interval, census share, expected count and ratio; people who did not tell a dimension counted apart; the groups most under-represented; and the outreach alert while a phase is open (process managers and decision-makers)",
    input: Type.Object({
      id: Id,
      phaseId: Type.Optional(Type.String({ maxLength: 64, description: 'One phase of the process; without it, the whole process' })),
      dimensions: Type.Optional(Type.String({ maxLength: 64, description: 'Comma-separated dimensions, such as area,age; default all the census has. One the census lacks is refused' })),
    }),
    output: Type.Object({
      census: Type.Union([CensusSummarySchema, Type.Null()], { description: 'Null before a census is imported: then nothing else is computed' }),
      kind: oneOf(['participants', 'panel'] as const, { description: "participants: who took part; panel (a panel phase): the panel's members, by their registration answers" }),
      phaseId: Type.Union([Type.String(), Type.Null()]),
      participants: Count,
      dimensions: Type.Array(Dimension),
      groupings: Type.Array(
        Type.Object({
          dimensions: Type.Array(Dimension),
          counted: Type.Integer({ minimum: 0, description: 'Participants who told every dimension of the grouping' }),
          notGiven: Type.Integer({ minimum: 0, description: 'Participants who did not tell one of them (not guessed)' }),
          outside: Type.Integer({ minimum: 0, description: 'Participants whose value the census has no group for' }),
          groups: Type.Array(
            Type.Object({
              values: Values,
              population: Count,
              populationShare: Share,
              participants: Count,
              share: Share,
              low: Share,
              high: Share,
              expected: Type.Number({ minimum: 0 }),
              ratio: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
            }),
          ),
        }),
      ),
      underRepresented: Type.Array(Shortfall),
      thresholds: Type.Object({ maxRatio: Share, minExpected: Count, setByManager: Type.Boolean() }),
      alert: Type.Union([
        Type.Object({
          phaseId: Type.String({ description: 'The open phase the alert is raised for' }),
          groups: Type.Array(
            Type.Intersect([
              Shortfall,
              Type.Object({
                actions: Type.Array(
                  Type.Union([
                    Type.Object({
                      kind: Type.Literal('letters', { description: "An invitation round aimed at the group's area and age band, from the process's panel register" }),
                      panelId: Type.String(),
                      area: Type.String(),
                      ageBand: Type.String(),
                      letters: Type.Integer({ minimum: 0, description: 'Letters proposed: ten per missing participant' }),
                    }),
                    Type.Object({
                      kind: Type.Literal('event', { description: "A meeting in the group's area: the event form of the process, prefilled" }),
                      area: Type.String(),
                    }),
                    Type.Object({
                      kind: Type.Literal('reminder', { description: "A reminder to the group's registered residents who have not taken part (sendOutreachReminder)" }),
                      area: Type.String(),
                      ageBand: Type.String(),
                      recipients: Type.Integer({ minimum: 0 }),
                      sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it was sent in this phase; null: not yet' }),
                    }),
                  ]),
                ),
              }),
            ]),
          ),
        }),
        Type.Null(),
      ]),
      can: Type.Object({ setThresholds: Type.Boolean() }),
    }),
  }),
  sendOutreachReminder: contract({
    name: 'sendOutreachReminder',
    summary:
      "Remind a group's registered residents (an area and/or a census age band; people who told their area and year of birth) who have not taken part that the process's open phase is waiting for them: a notification each, e-mailed as each chose. Once per group and phase (process managers)",
    input: Type.Object({ id: Id, area: Type.Optional(Type.String({ maxLength: 200 })), ageBand: Type.Optional(Type.String({ maxLength: 20 })) }),
    output: Type.Object({ recipients: Type.Integer({ minimum: 1 }) }),
  }),
  setRepresentationThresholds: contract({
    name: 'setRepresentationThresholds',
    summary: "Set a process's outreach thresholds: while a phase is open, a group whose ratio is below maxRatio with at least minExpected participants expected raises an alert (process managers)",
    input: Type.Object({
      id: Id,
      maxRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Participants ÷ expected below which a group raises the alert, such as 0.5' }),
      minExpected: Type.Integer({ minimum: 1, maximum: 100_000, description: 'Groups expected fewer participants than this are too small to judge' }),
    }),
    output: Type.Object({ maxRatio: Type.Number(), minExpected: Type.Integer() }),
  }),
};
