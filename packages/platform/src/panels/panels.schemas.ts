// The shapes the panels presenters give (panels.presenter.ts): the staff view, the selection's state, the
// pool, the workspace and the public page. The contracts (panels.contract.ts) name them as outputs.
import Type, { type TSchema } from 'typebox';
import { Localized, oneOf } from '../edge/schemas.ts';
import { decisions, itemKinds, recommendationStatuses, registrationChannels, respondentStatuses, sessionModes, voteChoices } from './panels.tables.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'ISO 8601 instant' });

export const panelStages = ['setup', 'inviting', 'registration', 'selection', 'working', 'reported'] as const;

/** What the actor may do with a panel (from the panels policy). */
export const PanelCanSchema = Type.Object({
  manage: Type.Boolean({ description: "Reach the panel's staff page (process managers)" }),
  administer: Type.Boolean({ description: 'Set up, invite, select, draw and replace (the panel’s administrators)' }),
  seePersonalData: Type.Boolean({ description: 'The pool with contact details, the letters (administrators; audited)' }),
  nameAdministrators: Type.Boolean({ description: 'Name and remove the panel’s administrators (its creator, administrators, process managers)' }),
  facilitate: Type.Boolean({ description: 'Run the workspace: materials, votes, the report' }),
  enterWorkspace: Type.Boolean(),
  vote: Type.Boolean({ description: 'A confirmed member' }),
  respond: Type.Boolean({ description: 'Answer adopted recommendations (decision-makers)' }),
  follow: Type.Boolean({ description: 'Signed in' }),
});

/** The selection job's state as the staff page shows it. */
export const SelectionStateSchema = Type.Object({
  state: oneOf(['queued', 'running', 'infeasible', 'failed', 'ready'] as const),
  progress: Type.Optional(Nullable(Type.Object({ phase: Type.String(), seconds: Type.Integer() }))),
  minProbability: Type.Optional(Type.Number()),
  maxProbability: Type.Optional(Type.Number()),
  m: Type.Optional(Type.Integer({ description: 'Panels in the list' })),
  seconds: Type.Optional(Type.Number()),
  poolSize: Type.Optional(Type.Integer()),
  detail: Type.Optional(Type.String()),
  relaxation: Type.Optional(Type.Array(Type.Object({ category: Type.String(), value: Type.String(), bound: oneOf(['min', 'max'] as const), from: Type.Integer(), to: Type.Integer() }))),
});

const CompositionSchema = Type.Array(
  Type.Object({
    name: Type.String(),
    values: Type.Array(Type.Object({ value: Type.String(), min: Type.Integer(), max: Type.Integer(), populationShare: Nullable(Type.Number()), pool: Type.Integer(), panel: Type.Integer() })),
  }),
);

/** A panel as its staff page shows it (no personal data). */
export const StaffPanelSchema = Type.Object({
  id: Type.String(),
  processId: Type.String(),
  title: Type.String(),
  stage: oneOf(panelStages),
  size: Type.Integer(),
  householdRule: Type.Boolean(),
  approvalPercent: Type.Integer(),
  endsOn: Nullable(Type.String()),
  deletePoolOn: Nullable(Type.String()),
  consentText: Type.String(),
  quotas: Type.String({ description: 'category,value,min,max lines' }),
  hasCategories: Type.Boolean(),
  invitationSeed: Nullable(Type.String()),
  invitationsDrawn: Type.Boolean(),
  lotteryHash: Nullable(Type.String()),
  hashPublished: Type.Boolean({ description: 'The draw is announced: hashes published, seed source fixed' }),
  announcedAt: Nullable(Instant),
  poolHash: Nullable(Type.String({ description: 'SHA-256 of the pseudonymous pool, published with the announcement' })),
  seedSource: Nullable(Type.String()),
  seedNotBefore: Nullable(Instant),
  publicSeed: Nullable(Type.String()),
  drawnIndex: Nullable(Type.Integer()),
  drawn: Type.Boolean(),
  poolDeleted: Type.Boolean(),
  sessions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), startsAt: Instant, endsAt: Instant, mode: oneOf(sessionModes), place: Type.String() })),
  registerRows: Type.Integer(),
  invited: Type.Integer(),
  responded: Type.Integer(),
  byArea: Type.Array(Type.Object({ area: Type.String(), invited: Type.Integer(), responded: Type.Integer() })),
  poolSize: Type.Integer(),
  selection: Nullable(SelectionStateSchema),
  members: Type.Array(Type.Object({ number: Type.Integer(), status: oneOf(respondentStatuses), linked: Type.Boolean(), answers: Type.Record(Type.String(), Type.String()) })),
  composition: CompositionSchema,
  replacements: Type.Array(Type.Object({ dropped: Type.Integer(), replacement: Type.Integer(), reason: Type.String(), at: Instant })),
  can: PanelCanSchema,
});

/** The pool with contact details (administrators; every read audited). */
export const PoolSchema = Type.Object({
  categories: Type.Array(Type.String()),
  deleteOn: Nullable(Type.String()),
  deleted: Type.Boolean(),
  rows: Type.Array(
    Type.Object({ number: Type.Integer(), answers: Type.Record(Type.String(), Type.String()), status: oneOf(respondentStatuses), name: Type.String(), email: Type.String(), phone: Type.String(), registeredAt: Instant, channel: oneOf(registrationChannels), enteredBy: Nullable(Type.String({ description: 'The staff member who entered a phone or desk registration' })) }),
  ),
});

/** Who voted on a closed recommendation, against the members and the quorum when it closed (null before quorums). */
const TurnoutFields = {
  voted: Type.Integer({ description: 'Members who voted (abstentions included)' }),
  members: Nullable(Type.Integer({ description: 'Members on the panel when the vote closed' })),
  quorum: Nullable(Type.Integer({ description: 'Members needed for a decision when the vote closed' })),
};

const AmendmentSchema = Type.Object({ id: Type.String(), body: Type.String(), rationale: Type.String(), status: Type.String(), createdAt: Instant });

/** The members' workspace. */
export const WorkspaceSchema = Type.Object({
  panel: Type.Object({ id: Type.String(), title: Type.String(), approvalPercent: Type.Integer(), reportPublished: Type.Boolean(), processId: Type.String() }),
  quorum: Type.Object({
    members: Type.Integer({ description: 'Members on the panel now' }),
    quorum: Type.Integer({ description: 'Members who must vote for a decision' }),
    custom: Type.Boolean({ description: 'Set by the panel (otherwise two thirds of the members, rounded up)' }),
  }),
  member: Nullable(Type.Object({ number: Type.Integer(), publicName: Nullable(Type.String()) })),
  sessions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), startsAt: Instant, endsAt: Instant, mode: oneOf(sessionModes), place: Type.String(), streamUrl: Type.String(), programme: Type.String() })),
  items: Type.Array(
    Type.Object({ id: Type.String(), sessionId: Nullable(Type.String()), kind: oneOf(itemKinds), title: Type.String(), body: Type.String(), link: Type.String(), source: Type.String(), smallGroup: Type.String() }),
  ),
  recommendations: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      title: Type.String(),
      body: Type.String(),
      status: oneOf(recommendationStatuses),
      yes: Type.Integer(),
      no: Type.Integer(),
      abstain: Type.Integer(),
      ...TurnoutFields,
      amendments: Type.Array(AmendmentSchema),
      myVote: Nullable(oneOf(voteChoices)),
    }),
  ),
  can: PanelCanSchema,
});

/** A citizens' panel as its public page shows it. */
export const PublicPanelSchema = Type.Object({
  panel: Type.Object({ id: Type.String(), title: Type.String(), size: Type.Integer(), householdRule: Type.Boolean(), approvalPercent: Type.Integer(), stage: oneOf(panelStages) }),
  process: Type.Object({ id: Type.String(), slug: Type.String(), title: Localized }),
  method: Type.Object({
    invitationSeed: Nullable(Type.String()),
    invited: Type.Integer(),
    stratified: Type.Boolean(),
    registered: Nullable(Type.Integer()),
    hash: Nullable(Type.String({ description: 'SHA-256 of the published list of panels (once published)' })),
    hashPublishedAt: Nullable(Instant),
    poolHash: Nullable(Type.String({ description: 'SHA-256 of the pseudonymous pool, published when the draw was announced' })),
    seedSource: Nullable(Type.String({ description: 'Where the seed comes from, fixed when the draw was announced' })),
    seedNotBefore: Nullable(Instant),
    record: Type.Boolean({ description: 'The public record of the announced draw is at GET /api/v1/panels/{id}/lottery' }),
    m: Nullable(Type.Integer({ description: 'Panels in the list' })),
    minProbability: Nullable(Type.Number()),
    maxProbability: Nullable(Type.Number()),
    publicSeed: Nullable(Type.String()),
    drawnIndex: Nullable(Type.Integer()),
    drawnAt: Nullable(Instant),
    replacements: Type.Integer(),
  }),
  composition: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.Object({ value: Type.String(), panel: Type.Integer(), populationShare: Nullable(Type.Number()) })) })),
  names: Type.Array(Type.String(), { description: 'Only members who chose to be named' }),
  memberCount: Type.Integer(),
  sessions: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), startsAt: Instant, endsAt: Instant, mode: oneOf(sessionModes), place: Type.String() })),
  reportPublished: Type.Boolean(),
  recommendations: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      title: Type.String(),
      body: Type.String(),
      status: Type.String(),
      yes: Type.Integer(),
      no: Type.Integer(),
      abstain: Type.Integer(),
      ...TurnoutFields,
      answer: Nullable(Type.Object({ decision: oneOf(decisions), reasons: Type.String(), decidedOn: Type.String(), progress: Nullable(Type.Integer()), progressNote: Type.String() })),
    }),
  ),
  following: Type.Boolean(),
  can: PanelCanSchema,
});

/** The registration form: the questions and consent text, and whether registration is open. */
export const RegistrationFormSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  consentText: Type.String(),
  open: Type.Boolean(),
  questions: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
});

// The announced draw (issue 18) ---------------------------------------------------------------------------

const RecordCategory = Type.Object({ name: Type.String(), values: Type.Array(Type.Object({ value: Type.String(), min: Type.Integer(), max: Type.Integer() })) });

/** The public record of an announced draw, `tingsted-lottery-record/1` as `@tingsted/sortition` defines it. */
export const LotteryRecordSchema = Type.Object(
  {
    format: Type.Literal('tingsted-lottery-record/1'),
    panel: Type.Object({ id: Type.String(), title: Type.String() }),
    k: Type.Integer({ description: 'Panel size' }),
    householdRule: Type.Boolean({ description: 'At most one person per household' }),
    algorithm: Type.Object({ name: Type.String(), version: Type.String() }),
    categories: Type.Array(RecordCategory, { description: 'The quotas' }),
    pool: Type.Array(
      Type.Object({ id: Type.String({ description: 'Pseudonym: the respondent number' }), values: Type.Record(Type.String(), Type.String()), household: Type.Optional(Type.String({ description: 'Opaque label, under the household rule' })) }),
    ),
    poolHash: Type.String({ description: 'SHA-256 (hex) of the pool as canonical CSV text' }),
    lottery: Type.Object({ m: Type.Integer(), text: Type.String({ description: 'One panel per line, pseudonyms comma-separated' }), hash: Type.String() }),
    seed: Type.Object({ source: Type.String(), notBefore: Instant, value: Nullable(Type.String()) }),
    announcedAt: Instant,
    drawn: Nullable(Type.Object({ at: Instant, index: Type.Integer(), selected: Type.Array(Type.String()) })),
  },
  { description: 'Check it with `tingsted-sortition verify RECORD.json`' },
);
