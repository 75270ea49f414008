// The contracts of the processes module's use cases: one input and one output schema each, shared by the
// /api/v1 routes and the web app's form actions (see docs/decisions/0006-one-edge-contract.md).
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, Localized, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { charterFields, phaseMethods, processStatuses } from './processes.tables.ts';
import { processStates } from './state.ts';

const charterTexts = Object.fromEntries(charterFields.map((field) => [field, Type.Optional(Type.String({ maxLength: 20_000 }))])) as {
  [K in (typeof charterFields)[number]]: ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>;
};

const PhaseSchema = Type.Object({
  id: Type.String(),
  method: oneOf(phaseMethods),
  title: Localized,
  description: Localized,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  state: oneOf(['upcoming', 'open', 'closed'] as const),
  publicResults: Type.Boolean(),
  categories: Type.Array(Type.String()),
});

/** What the actor may do with a process. */
export const ProcessCanSchema = Type.Object({ manage: Type.Boolean(), edit: Type.Boolean(), publish: Type.Boolean(), close: Type.Boolean(), addPhase: Type.Boolean() });

/** A process as `presentProcess` shows it. */
export const PresentedProcessSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  status: oneOf(processStatuses),
  state: oneOf(processStates, { description: 'Where it stands today: its status and dates by the municipality calendar (past its end date it is closed)' }),
  title: Localized,
  summary: Localized,
  startsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  endsOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  respondBy: Type.Union([Type.String(), Type.Null()]),
  charter: Type.Record(Type.String(), Localized),
  phases: Type.Array(PhaseSchema),
  currentPhaseId: Type.Union([Type.String(), Type.Null()]),
  can: ProcessCanSchema,
});

/** Process contracts by use case. */
export const processContracts = {
  manageProcess: contract({
    name: 'manageProcess',
    summary: 'A process as its managers see it, drafts included, with what the actor may do (process managers)',
    input: Type.Object({ id: Id }),
    output: PresentedProcessSchema,
  }),
  createProcess: contract({
    name: 'createProcess',
    summary: 'Start a draft process with a title in one language (process managers)',
    input: Type.Object({ title: Type.String({ maxLength: 200 }), locale: Type.Optional(LocaleSchema) }),
    output: Type.Object({ id: Type.String(), slug: Type.String() }),
  }),
  updateCharter: contract({
    name: 'updateCharter',
    summary: "Write the title, summary and charter texts in one language (others are kept; empty text removes that language's) and the respond-by date",
    input: Type.Object({
      id: Id,
      locale: LocaleSchema,
      title: Type.Optional(Type.String({ maxLength: 200 })),
      summary: Type.Optional(Type.String({ maxLength: 1000 })),
      ...charterTexts,
      respondBy: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; empty clears it' })),
    }),
    output: Done,
  }),
  addPhase: contract({
    name: 'addPhase',
    summary: "Add a phase to a process's timeline; its dates may not overlap another phase's",
    input: Type.Object({
      id: Id,
      method: oneOf(phaseMethods),
      title: Type.String({ maxLength: 200 }),
      startsOn: Type.String({ format: 'date' }),
      endsOn: Type.String({ format: 'date' }),
      locale: Type.Optional(LocaleSchema),
      preScreening: Type.Optional(Type.Boolean({ description: 'Ideas wait for a moderator before they are shown' })),
      publicResults: Type.Optional(Type.Boolean({ description: 'Survey results are public' })),
      categories: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { description: 'Idea categories (ideas phases): at most 30, each once' })),
    }),
    output: Created,
  }),
  describePhase: contract({
    name: 'describePhase',
    summary: "Write a phase's description (Markdown subset) in one language; empty text removes it",
    input: Type.Object({ id: Id, phaseId: Id, locale: LocaleSchema, description: Type.String({ maxLength: 20_000 }) }),
    output: Done,
  }),
  updatePhase: contract({
    name: 'updatePhase',
    summary: "Change a phase: its title in one language, its dates (no overlap with the other phases) and its switches; the method stays",
    input: Type.Object({
      id: Id,
      phaseId: Id,
      title: Type.String({ maxLength: 200 }),
      startsOn: Type.String({ format: 'date' }),
      endsOn: Type.String({ format: 'date' }),
      locale: Type.Optional(LocaleSchema),
      preScreening: Type.Optional(Type.Boolean({ description: 'Ideas phases: ideas wait for a moderator before they are shown (left out: off)' })),
      publicResults: Type.Optional(Type.Boolean({ description: 'Survey phases: results are public (left out: off)' })),
      categories: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { description: 'Ideas phases: the whole list of idea categories, at most 30, each once' })),
    }),
    output: Done,
  }),
  reorderPhase: contract({
    name: 'reorderPhase',
    summary: 'Move a phase one place earlier (up) or later (down) by swapping it with its neighbour: the two keep their shared span and their lengths (409 InUse once either has started)',
    input: Type.Object({ id: Id, phaseId: Id, direction: oneOf(['up', 'down'] as const) }),
    output: Done,
  }),
  removePhase: contract({
    name: 'removePhase',
    summary: 'Remove a phase; 409 InUse with the reason once residents have made inputs in it, or once it has started in a published process',
    input: Type.Object({ id: Id, phaseId: Id }),
    output: Done,
  }),
  publishProcess: contract({
    name: 'publishProcess',
    summary: 'Publish a draft whose charter is complete and which has a timeline (the missing fields are named)',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  closeProcess: contract({
    name: 'closeProcess',
    summary: 'Close a published process',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
};
