// The contracts of recruitment beyond the first letters (issue 18, part 3): the invitation by short code and
// the selection probabilities, per person for staff and as an anonymised distribution for everyone.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id, LocaleSchema } from '../edge/schemas.ts';

const Summary = Type.Object({
  people: Type.Integer(),
  min: Type.Number({ description: 'Raw share between 0 and 1' }),
  q1: Type.Number(),
  median: Type.Number(),
  q3: Type.Number(),
  max: Type.Number(),
});
const Histogram = Type.Array(Type.Integer(), { description: 'People per probability bin of width 0.1: [0, 0.1), …, [0.9, 1]' });

/** The anonymised distribution of the selection probabilities. */
export const ProbabilityDistributionSchema = Type.Object({
  overall: Summary,
  histogram: Histogram,
  categories: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.Object({ value: Type.String(), summary: Summary, histogram: Histogram })) })),
});

const Stratum = {
  area: Type.String({ maxLength: 200, description: 'The register’s area (\'\' when it has none)' }),
  ageBand: Type.Optional(Type.String({ maxLength: 200, description: 'The register’s age band (\'\' when it has none)' })),
  sex: Type.Optional(Type.String({ maxLength: 200, description: 'The register’s sex (\'\' when it has none)' })),
};

/** The rounds so far, the figures per stratum and quota, and the next round's proposal. */
export const RoundPlanSchema = Type.Object({
  open: Type.Boolean({ description: 'A round can be drawn (a register is imported and registration is open)' }),
  registerRows: Type.Integer(),
  nextRound: Type.Integer(),
  dimensions: Type.Object({ area: Type.Boolean(), ageBand: Type.Boolean(), sex: Type.Boolean() }, { description: 'Which stratifying columns the register has' }),
  rounds: Type.Array(
    Type.Object({
      number: Type.Integer(),
      seed: Type.String(),
      replyBy: Type.Union([Type.String(), Type.Null()]),
      contact: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }),
      letters: Type.Integer(),
      reserve: Type.Integer(),
      drawnAt: Type.String(),
    }),
  ),
  strata: Type.Array(
    Type.Object({
      area: Type.String(),
      ageBand: Type.String(),
      sex: Type.String(),
      candidates: Type.Integer({ description: 'People (households under the rule) not invited yet' }),
      invited: Type.Integer({ description: 'Letters sent (released reserve included)' }),
      heldInReserve: Type.Integer(),
      registered: Type.Integer(),
      proposedCount: Type.Integer(),
      proposedReserve: Type.Integer(),
    }),
  ),
  categories: Type.Array(
    Type.Object({
      name: Type.String(),
      values: Type.Array(
        Type.Object({
          value: Type.String(),
          registered: Type.Integer(),
          min: Type.Integer(),
          max: Type.Integer(),
          need: Type.Integer({ description: 'People still needed to reach the minimum' }),
          stratifiedBy: Type.Union([Type.Literal('area'), Type.Literal('ageBand'), Type.Literal('sex'), Type.Null()], { description: 'The register column with this value, which the proposal aims letters by' }),
        }),
      ),
    }),
  ),
});

export const panelRecruitmentContracts = {
  panelRoundPlan: contract({
    name: 'panelRoundPlan',
    summary: 'Invitation rounds: the rounds so far, per stratum (area × age band × sex) the candidates left, letters, reserve and registrations, per quota registered against the minimum, and the next round’s proposed numbers (the first: `letters` and `reserve` in proportion to the register; later: aimed at the missing groups) (administrators)',
    input: Type.Object({ id: Id, letters: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })), reserve: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })) }),
    output: RoundPlanSchema,
  }),
  drawPanelInvitationRound: contract({
    name: 'drawPanelInvitationRound',
    summary: 'Draw the next invitation round, stratified: letters and reserve per stratum, a recorded (public) seed, the letters’ reply date and contact (administrators; audited). A stratum with too few people left is refused by name, nothing drawn.',
    input: Type.Object({
      id: Id,
      strata: Type.Array(Type.Object({ ...Stratum, count: Type.Integer({ description: 'Letters now' }), reserve: Type.Optional(Type.Integer({ description: 'Reserve drawn now, invited only when released' })) }), { maxItems: 10_000 }),
      seed: Type.Optional(Type.String({ maxLength: 200, description: 'Empty: a fresh one' })),
      replyBy: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })),
      contactName: Type.Optional(Type.String({ maxLength: 300 })),
      contactPhone: Type.Optional(Type.String({ maxLength: 40 })),
      contactEmail: Type.Optional(Type.String({ maxLength: 320 })),
    }),
    output: Type.Object({ round: Type.Integer(), invited: Type.Integer(), reserve: Type.Integer(), seed: Type.String() }),
  }),
  releasePanelReserve: contract({
    name: 'releasePanelReserve',
    summary: 'Invite a round’s reserve (all of it, or the first `count` in draw order); their letters then come with the round’s (administrators; audited)',
    input: Type.Object({ id: Id, round: Type.Integer(), count: Type.Optional(Type.Integer({ minimum: 1 })) }),
    output: Type.Object({ released: Type.Integer() }),
  }),
  panelRoundLetters: contract({
    name: 'panelRoundLetters',
    summary: 'A round’s letters as one PDF in the chosen language, with the reply date, the contact and each person’s short address /p/<code> (administrators; audited)',
    input: Type.Object({ id: Id, round: Type.Integer(), lang: Type.Optional(LocaleSchema) }),
    output: Type.String({ description: 'application/pdf' }),
  }),
  panelNotSelectedLetters: contract({
    name: 'panelNotSelectedLetters',
    summary: 'After the draw, the “not selected this time” letters as one PDF in the chosen language: thanks, the reserve list (or why not on it), where to follow the panel, when the details are deleted; one per person not selected whose invitation address is kept (administrators; audited). The same people were e-mailed at the draw.',
    input: Type.Object({ id: Id, lang: Type.Optional(LocaleSchema) }),
    output: Type.String({ description: 'application/pdf' }),
  }),
  panelProbabilitiesCsv: contract({
    name: 'panelProbabilitiesCsv',
    summary: 'Each respondent’s selection probability as CSV (`number,<categories…>,probability`; administrators; audited)',
    input: Type.Object({ id: Id }),
    output: Type.String({ description: 'text/csv' }),
  }),
  panelProbabilityDistribution: contract({
    name: 'panelProbabilityDistribution',
    summary: 'The anonymised distribution of the selection probabilities (five-number summaries and histograms, overall and per category value; public once the draw is announced)',
    input: Type.Object({ id: Id }),
    output: ProbabilityDistributionSchema,
  }),
  findPanelInvitation: contract({
    name: 'findPanelInvitation',
    summary: 'Which panel a short invitation code (as on the letter, e.g. ABCD-1234) belongs to, and whether it can still be used',
    input: Type.Object({ code: Type.String({ maxLength: 40 }) }),
    output: Type.Object({ panelId: Type.String(), code: Type.String({ description: 'The code as stored (XXXX-XXXX)' }) }),
  }),
};
