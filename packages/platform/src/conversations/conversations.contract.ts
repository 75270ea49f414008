// The contracts of the conversations module's use cases: one input and one output schema each, shared by the
// /api/v1 routes and the web app's form actions (see docs/decisions/0006-one-edge-contract.md).
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, oneOf } from '../edge/schemas.ts';
import { statementModerations } from './conversations.tables.ts';

/** What the actor may do with a conversation. */
export const ConversationCanSchema = Type.Object({
  manage: Type.Boolean({ description: 'Change the settings, add seed statements, import (process managers)' }),
  moderate: Type.Boolean({ description: "Accept or reject participants' statements (moderators and process managers)" }),
  takePart: Type.Boolean({ description: 'Vote and write statements once it is open (signed in, or anonymous where allowed)' }),
  addStatement: Type.Boolean({ description: 'Write an own statement now (open, statements allowed, may take part)' }),
});

/** A conversation as `presentConversation` shows it. */
export const PresentedConversationSchema = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  processId: Type.String(),
  question: Type.String(),
  description: Type.String(),
  allowAnonymous: Type.Boolean(),
  allowStatements: Type.Boolean(),
  preModeration: Type.Boolean(),
  minVotes: Type.Integer({ description: 'Votes a participant needs to be placed on the map' }),
  minGroupSize: Type.Integer({ description: 'The smallest opinion group shown' }),
  open: Type.Boolean({ description: 'Open for votes and statements: its phase is open, the process published and it is not closed early' }),
  closedEarly: Type.Boolean(),
  source: Type.Union([Type.Object({ name: Type.String(), url: Type.Union([Type.String(), Type.Null()]), licence: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  can: ConversationCanSchema,
});

/** A statement to vote on, as the voting route has always answered it. */
export const VotableStatementSchema = Type.Object({ number: Type.Integer(), body: Type.String(), isSeed: Type.Boolean() });

/** A statement with its moderation, as managers and moderators see it. */
export const StatementSchema = Type.Object({
  id: Type.Integer(),
  number: Type.Integer(),
  body: Type.String(),
  moderation: oneOf(statementModerations),
  isSeed: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

const Counts = Type.Tuple([Type.Number(), Type.Number(), Type.Number()], { description: 'agree, disagree, pass' });
const Share = Type.Object({
  number: Type.Integer(),
  count: Type.Integer({ description: 'How many voted this way' }),
  seen: Type.Integer({ description: 'How many voted on the statement at all (agree, disagree or pass)' }),
  percent: Type.Number({ description: 'count / seen in whole percent: the raw share, never an estimate' }),
});

/** One opinion group on the map (results-view.ts `ViewGroup`). */
export const ViewGroupSchema = Type.Object({
  id: Type.Integer(),
  label: Type.String(),
  size: Type.Integer(),
  cx: Type.Number(),
  cy: Type.Number(),
  outline: Type.String({ description: "SVG path data: the group's convex hull" }),
  dots: Type.String({ description: "SVG path data: the group's members as dots" }),
  repness: Type.Array(
    Type.Object({
      number: Type.Integer(),
      side: oneOf(['agree', 'disagree'] as const),
      count: Type.Integer({ description: "How many of the group's members voted that way" }),
      seen: Type.Integer({ description: 'How many of its members voted on the statement at all' }),
      percent: Type.Number({ description: 'count / seen in whole percent (raw; the smoothed estimate only chose the statement)' }),
      votes: Type.Integer({ description: 'The same as seen (kept for older clients)' }),
    }),
  ),
  votes: Type.Record(Type.String(), Counts, { description: "Per statement number, the group's agree / disagree / pass counts" }),
});

/** The stored results view (results-view.ts `ResultsView`): map geometry in a 0–1000 box, groups, consensus, bridging. */
export const ResultsViewSchema = Type.Object({
  revision: Type.Integer(),
  nParticipants: Type.Integer(),
  nVotes: Type.Integer(),
  nInGroups: Type.Integer(),
  size: Type.Number(),
  place: Type.Object(
    { minX: Type.Number(), minY: Type.Number(), scale: Type.Number(), offsetX: Type.Number(), offsetY: Type.Number(), size: Type.Number() },
    { description: 'svgX = offsetX + (x − minX)·scale, svgY = size − (offsetY + (y − minY)·scale)' },
  ),
  ungrouped: Type.String({ description: 'SVG path data: participants not (yet) in a group' }),
  groups: Type.Array(ViewGroupSchema),
  consensus: Type.Object({ agree: Type.Array(Share), disagree: Type.Array(Share) }, { description: 'Statements most people who saw them passed on are left out' }),
  bridging: Type.Array(Type.Object({ number: Type.Integer(), score: Type.Number() })),
  divisive: Type.Array(Type.Object({ number: Type.Integer(), polarity: Type.Number() })),
  priorities: Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: '[statement number, routing priority]' }),
  totals: Type.Record(Type.String(), Counts, { description: 'Per statement number, agree / disagree / pass counts' }),
});

/** The voter's place on the last map. */
export const StandSchema = Type.Object({
  x: Type.Number(),
  y: Type.Number(),
  nearestGroup: Type.Union([Type.String(), Type.Null()]),
  assignedGroup: Type.Union([Type.String(), Type.Null()]),
  votes: Type.Integer(),
});

const ReportStatementSchema = Type.Object({
  number: Type.Integer({ description: 'The number people see (from 1)' }),
  polisId: Type.Integer({ description: "Pol.is's comment id (from 0), as in the export" }),
  text: Type.String(),
  side: Type.Union([oneOf(['agree', 'disagree'] as const), Type.Null()]),
  count: Type.Integer({ description: 'How many voted that way' }),
  seen: Type.Integer({ description: 'How many voted on it at all' }),
  percent: Type.Number({ description: 'count / seen in whole percent (raw)' }),
  totals: Counts,
});

/** A conversation's report (report.ts `ConversationReport`, dates as ISO text). */
export const ConversationReportSchema = Type.Object({
  conversation: Type.Object({ id: Type.String(), phaseId: Type.String(), processId: Type.String(), processSlug: Type.String(), processTitle: Type.Record(Type.String(), Type.String()), question: Type.String(), description: Type.String() }),
  revision: Type.Integer({ description: 'The stored result revision the figures come from' }),
  computedAt: Type.String({ format: 'date-time' }),
  latestRevision: Type.Integer(),
  revisions: Type.Array(Type.Object({ revision: Type.Integer(), computedAt: Type.String({ format: 'date-time' }) }), { description: 'The newest 50 stored revisions' }),
  closed: Type.Boolean(),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  participation: Type.Object({
    participants: Type.Integer(),
    votes: Type.Integer(),
    inGroups: Type.Integer(),
    days: Type.Array(Type.Object({ day: Type.String({ description: 'YYYY-MM-DD in the municipality\'s time zone' }), votes: Type.Integer(), newParticipants: Type.Integer() })),
  }),
  map: Type.Object({
    size: Type.Number(),
    ungrouped: Type.String(),
    groups: Type.Array(Type.Object({ label: Type.String(), size: Type.Integer(), cx: Type.Number(), cy: Type.Number(), outline: Type.String(), dots: Type.String() })),
  }),
  groups: Type.Array(Type.Object({ label: Type.String(), size: Type.Integer(), statements: Type.Array(ReportStatementSchema) })),
  consensus: Type.Array(ReportStatementSchema),
  divisive: Type.Array(ReportStatementSchema),
  bridging: Type.Array(ReportStatementSchema),
  moderation: Type.Object(
    {
      statements: Type.Integer({ description: 'Statements written (seed statements included)' }),
      reported: Type.Integer({ description: 'Statements reported to the moderators at least once' }),
      reports: Type.Integer({ description: 'Reports of statements in all' }),
      approved: Type.Integer({ description: 'Statements a moderator approved (pre-moderation, or reports dismissed)' }),
      hidden: Type.Integer({ description: 'Statements a moderator hid' }),
      restored: Type.Integer({ description: 'Statements a moderator showed again after hiding them' }),
    },
    { description: 'From the moderation module’s record of reports and decisions; each statement counts once per kind' },
  ),
  method: Type.Object({ minVotes: Type.Integer(), minGroupSize: Type.Integer() }),
  licence: Type.String({ description: "The data's licence" }),
  source: Type.Union([Type.Object({ name: Type.String(), url: Type.Union([Type.String(), Type.Null()]), licence: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  exports: Type.Array(Type.Object({ file: Type.String(), path: Type.String() })),
  can: Type.Object({ publish: Type.Boolean({ description: 'Publish the report before the phase closes (process managers)' }) }),
});

const SettingsSchema = Type.Object({
  translationUrl: Type.Union([Type.String(), Type.Null()], { description: 'A LibreTranslate-compatible service; null: translation off' }),
  embedOrigins: Type.Array(Type.String(), { description: 'Origins whose pages may embed a conversation' }),
});

const StatementBody = Type.String({ maxLength: 1000, description: '5 to 140 characters once trimmed' });
const csvFile = (file: string) => Type.String({ description: `The text of ${file}` });

/** The four files of a Pol.is openData export. */
export const polisFileNames = ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv'] as const;

/** Conversation contracts by use case. */
export const conversationContracts = {
  conversationOfPhase: contract({
    name: 'conversationOfPhase',
    summary: 'The conversation of a conversation phase, with what the actor may do',
    input: Type.Object({ phaseId: Id }),
    output: PresentedConversationSchema,
  }),
  getConversation: contract({
    name: 'getConversation',
    summary: 'A conversation: its question, settings, whether it is open, and what the actor may do',
    input: Type.Object({ id: Id }),
    output: PresentedConversationSchema,
  }),
  setUpConversation: contract({
    name: 'setUpConversation',
    summary: 'Create or change the conversation of a conversation phase (process managers); settings left out take their defaults (anonymous voting off, own statements on, pre-moderation off, open)',
    input: Type.Object({
      phaseId: Id,
      question: Type.String({ maxLength: 1000, description: 'At most 300 characters once trimmed' }),
      description: Type.Optional(Type.String({ maxLength: 20_000, description: 'At most 5000 characters once trimmed' })),
      allowAnonymous: Type.Optional(Type.Boolean({ description: 'Visitors may vote without signing in' })),
      allowStatements: Type.Optional(Type.Boolean({ description: 'Participants may write their own statements' })),
      preModeration: Type.Optional(Type.Boolean({ description: "Participants' statements wait for a moderator" })),
      minVotes: Type.Optional(Type.Integer({ description: 'Votes a participant needs to be placed on the map and in a group (1-100; default 7, as Pol.is)' })),
      minGroupSize: Type.Optional(Type.Integer({ description: 'The smallest opinion group shown (2-100; default 3, as Pol.is); smaller ones are drawn as people not in a group' })),
      closed: Type.Optional(Type.Boolean({ description: 'Closed early: no more votes or statements' })),
    }),
    output: Created,
  }),
  listStatements: contract({
    name: 'listStatements',
    summary: 'Statements of a conversation: those open for votes, and for moderators also waiting and rejected ones',
    input: Type.Object({ id: Id }),
    output: Type.Array(StatementSchema),
  }),
  addSeedStatement: contract({
    name: 'addSeedStatement',
    summary: 'Add a seed statement, accepted at once (process managers)',
    input: Type.Object({ id: Id, body: StatementBody }),
    output: Type.Object({ number: Type.Integer() }),
  }),
  addSeedStatements: contract({
    name: 'addSeedStatements',
    summary: 'Add several seed statements at once (process managers); one bad or repeated statement refuses them all, naming it (bodies.N)',
    input: Type.Object({ id: Id, bodies: Type.Array(StatementBody, { minItems: 1, maxItems: 200 }) }),
    output: Type.Object({ numbers: Type.Array(Type.Integer()) }),
  }),
  moderationQueue: contract({
    name: 'statementModerationQueue',
    summary: "Participants' statements waiting for a moderator (moderators and process managers)",
    input: Type.Object({ id: Id }),
    output: Type.Array(StatementSchema),
  }),
  moderateStatement: contract({
    name: 'moderateStatement',
    summary: 'Accept or reject a statement, named by its number (moderators and process managers)',
    input: Type.Object({ id: Id, number: Type.Integer({ minimum: 0 }), decision: oneOf(['accepted', 'rejected'] as const) }),
    output: Done,
  }),
  nextStatement: contract({
    name: 'nextStatement',
    summary: 'The next statement to vote on, in routing-priority order',
    input: Type.Object({ id: Id }),
    output: Type.Object({ statement: Type.Union([VotableStatementSchema, Type.Null()]), voted: Type.Integer(), total: Type.Integer() }),
  }),
  castVote: contract({
    name: 'castVote',
    summary: 'Vote agree, disagree or pass on a statement (a new vote replaces an earlier one)',
    input: Type.Object({ id: Id, statement: Type.Integer({ minimum: 0 }), vote: oneOf(['agree', 'disagree', 'pass'] as const) }),
    output: Done,
  }),
  submitStatement: contract({
    name: 'submitStatement',
    summary: 'Add your own statement (it may wait for a moderator)',
    input: Type.Object({ id: Id, body: StatementBody }),
    output: Type.Object({ number: Type.Integer(), awaitingModeration: Type.Boolean() }),
  }),
  results: contract({
    name: 'conversationResults',
    summary: 'The stored results: opinion map geometry, groups, repness, consensus, bridging',
    input: Type.Object({ id: Id }),
    output: Type.Object({ view: Type.Union([ResultsViewSchema, Type.Null()]), computedAt: Type.Union([Type.String(), Type.Null()]) }),
  }),
  whereDoIStand: contract({
    name: 'whereDoIStand',
    summary: 'Where you stand on the last map (null until you have voted and a map includes you)',
    input: Type.Object({ id: Id }),
    output: Type.Object({ stand: Type.Union([StandSchema, Type.Null()]) }),
  }),
  importPolis: contract({
    name: 'importPolis',
    summary: 'Import a Pol.is openData export into a conversation with no statements yet (process managers); every file is checked first, the first problem is named by file and line, and nothing is imported on error',
    input: Type.Object({
      id: Id,
      comments: Type.Optional(csvFile('comments.csv (required)')),
      votes: Type.Optional(csvFile('votes.csv (required)')),
      participantsVotes: Type.Optional(csvFile('participants-votes.csv')),
      summary: Type.Optional(csvFile('summary.csv')),
    }),
    output: Type.Object({ statements: Type.Integer(), participants: Type.Integer(), votes: Type.Integer() }),
  }),
  report: contract({
    name: 'conversationReport',
    summary: 'The report of a conversation (staff always; others once the phase has closed or the report is published): participation by day, the opinion map, groups, consensus, divisive and bridging statements with raw figures, moderation counts, method, licence and export links, from the latest stored result or the revision named',
    input: Type.Object({ id: Id, revision: Type.Optional(Type.Integer({ minimum: 1, description: 'A stored result revision (default: the latest)' })) }),
    output: ConversationReportSchema,
  }),
  publishReport: contract({
    name: 'publishConversationReport',
    summary: 'Publish the report before the phase closes, or withdraw that (process managers)',
    input: Type.Object({ id: Id, published: Type.Boolean() }),
    output: Done,
  }),
  statementTranslation: contract({
    name: 'statementTranslation',
    summary: "A statement with a machine translation into the reader's language (when the administrator turned translation on and the statement is in another language); the translation is null when the service is off, down or slow",
    input: Type.Object({ id: Id, number: Type.Integer({ minimum: 0, description: "The statement's number as the API names it (Pol.is's id, from 0; pages show it plus one)" }) }),
    output: Type.Object({
      original: Type.String(),
      language: Type.String({ description: 'Detected: nb, nn, no (Norwegian), sv, da, en, de or und' }),
      offered: Type.Boolean(),
      translation: Type.Union([Type.Object({ text: Type.String(), machine: Type.Literal(true), provider: Type.String() }), Type.Null()]),
    }),
  }),
  getSettings: contract({
    name: 'getConversationSettings',
    summary: 'The conversation settings: the translation service and the sites that may embed conversations (administrators)',
    input: Type.Object({}),
    output: SettingsSchema,
  }),
  setSettings: contract({
    name: 'setConversationSettings',
    summary: 'Change the conversation settings (administrators): the translation service URL (empty: off) and the allowed embedding origins, one per line',
    input: Type.Object({
      translationUrl: Type.Optional(Type.String({ maxLength: 500 })),
      embedOrigins: Type.Optional(Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 })])),
    }),
    output: SettingsSchema,
  }),
  exportPolis: contract({
    name: 'exportPolis',
    summary: 'Export in Pol.is openData format (CSV)',
    input: Type.Object({ id: Id, file: oneOf(polisFileNames) }),
    output: Type.String({ description: 'The CSV file' }),
  }),
};
