// The contracts of the panels module's use cases: one input and one output schema each, shared by the
// /api/v1 routes and the web app's form actions (see docs/decisions/0006-one-edge-contract.md). The schemas
// check the shape (types, lengths, enumerations); the service checks the rest and names the same fields.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { decisions, itemKinds, sessionModes, voteChoices } from './panels.tables.ts';
import { panelRecruitmentContracts } from './panels.recruitment.contract.ts';
import { LotteryRecordSchema, PanelCanSchema, PoolSchema, PublicPanelSchema, RegistrationFormSchema, SelectionStateSchema, StaffPanelSchema, WorkspaceSchema, panelStages } from './panels.schemas.ts';

const Csv = (description: string) => Type.String({ maxLength: 20_000_000, description });
const Optional = Type.Optional;

/** Setting a panel up (panel administrators; creating: process managers). */
export const panelSetupContracts = {
  createPanel: contract({
    name: 'createPanel',
    summary: 'Start a citizens’ panel on a process; the person who starts it becomes its administrator (process managers)',
    input: Type.Object({ id: Id, title: Type.String({ maxLength: 200 }), locale: Optional(LocaleSchema) }),
    output: Created,
  }),
  managePanel: contract({
    name: 'managePanel',
    summary: 'A panel as its staff page shows it: settings, invitations, pool size, selection, members (facilitators)',
    input: Type.Object({ id: Id }),
    output: StaffPanelSchema,
  }),
  updatePanelSetup: contract({
    name: 'updatePanelSetup',
    summary: 'Size, household rule, approval threshold, end date, pool deletion date and consent text (administrators)',
    input: Type.Object({
      id: Id,
      title: Type.String({ maxLength: 200 }),
      size: Type.Integer({ description: '2 to 1000; fixed once drawn' }),
      householdRule: Optional(Type.Boolean({ description: 'At most one person per household' })),
      approvalPercent: Type.Integer({ description: '50 to 100: share of yes among yes and no that adopts a recommendation' }),
      endsOn: Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; empty for none' })),
      deletePoolOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, not before the end date' }),
      consentText: Type.String({ maxLength: 5000 }),
    }),
    output: Done,
  }),
  setPanelQuotas: contract({
    name: 'setPanelQuotas',
    summary: 'Set the categories and quotas from `category,value,min,max` lines (administrators; only bounds change once people registered)',
    input: Type.Object({ id: Id, quotas: Csv('category,value,min,max lines') }),
    output: Done,
  }),
  importPanelCensus: contract({
    name: 'importPanelCensus',
    summary: 'Import census figures (`category,value,population`) and set the quotas they suggest (administrators; before anyone registers)',
    input: Type.Object({ id: Id, census: Csv('category,value,population lines') }),
    output: Done,
  }),
  addPanelSession: contract({
    name: 'addPanelSession',
    summary: 'Add a session to the timetable; times are the municipality’s wall clock (facilitators)',
    input: Type.Object({
      id: Id,
      sessionTitle: Type.String({ maxLength: 200 }),
      startsAt: Type.String({ maxLength: 40, description: 'YYYY-MM-DDTHH:mm, local time' }),
      endsAt: Type.String({ maxLength: 40, description: 'YYYY-MM-DDTHH:mm, local time, after the start' }),
      mode: oneOf(sessionModes),
      place: Optional(Type.String({ maxLength: 300, description: 'Required in person or hybrid' })),
      streamUrl: Optional(Type.String({ maxLength: 2000, description: 'https:// address; required online or hybrid' })),
      programme: Optional(Type.String({ maxLength: 10_000 })),
    }),
    output: Created,
  }),
  removePanelSession: contract({
    name: 'removePanelSession',
    summary: 'Remove a session from the timetable (facilitators)',
    input: Type.Object({ id: Id, sessionId: Id }),
    output: Done,
  }),
};

/** Inviting: the register, the invitation lottery, the letters (administrators). */
export const panelInvitationContracts = {
  importPanelRegister: contract({
    name: 'importPanelRegister',
    summary: 'Import the address register (CSV with id,name,address,postcode[,city,area]; as JSON `register` or a text/csv body), replacing an earlier import; every line is checked first (administrators)',
    input: Type.Object({ id: Id, register: Csv('The register as CSV text') }),
    output: Type.Object({ rows: Type.Integer(), areas: Type.Integer() }),
  }),
  drawPanelInvitations: contract({
    name: 'drawPanelInvitations',
    summary: 'Draw the invitations from the register with a recorded (public) seed, optionally in proportion to areas (administrators)',
    input: Type.Object({
      id: Id,
      count: Type.Integer({ description: '1 to 100 000' }),
      seed: Optional(Type.String({ maxLength: 100, description: 'Empty: the date and a random part' })),
      stratify: Optional(Type.Boolean({ description: 'Split the invitations over areas in proportion to their households' })),
    }),
    output: Type.Object({ invited: Type.Integer(), seed: Type.String() }),
  }),
  panelLetters: contract({
    name: 'panelLetters',
    summary: 'The invitation letters as one PDF (administrators; audited)',
    input: Type.Object({ id: Id, lang: Optional(LocaleSchema) }),
    output: Type.String({ description: 'application/pdf' }),
  }),
};

/** Registration (anyone with a code) and the pool (administrators; audited). */
export const panelRegistrationContracts = {
  panelRegistrationForm: contract({
    name: 'panelRegistrationForm',
    summary: 'The registration form: questions, consent text, and whether registration is open',
    input: Type.Object({ id: Id }),
    output: RegistrationFormSchema,
  }),
  checkPanelCode: contract({
    name: 'checkPanelCode',
    summary: 'Check a personal code before registering (400 naming `code` when unknown or used)',
    input: Type.Object({ id: Id, code: Type.String({ maxLength: 40 }) }),
    output: Done,
  }),
  registerPanelRespondent: contract({
    name: 'registerPanelRespondent',
    summary: 'Register into the pool with a personal code, consent, one answer per question and contact details; a missing answer is named q<question index>',
    input: Type.Object({
      id: Id,
      code: Type.String({ maxLength: 40 }),
      consent: Type.Boolean(),
      answers: Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: 'Question name → one of its values' }),
      name: Type.String({ maxLength: 200 }),
      email: Type.String({ maxLength: 320 }),
      phone: Optional(Type.String({ maxLength: 40 })),
    }),
    output: Type.Object({ number: Type.Integer({ description: 'The respondent number in the pool' }) }),
  }),
  panelPool: contract({
    name: 'panelPool',
    summary: 'The pool with contact details (administrators; every look is audited)',
    input: Type.Object({ id: Id }),
    output: PoolSchema,
  }),
  exportPanelPool: contract({
    name: 'exportPanelPool',
    summary: 'The pool with contact details as CSV (administrators; audited)',
    input: Type.Object({ id: Id }),
    output: Type.String({ description: 'text/csv' }),
  }),
};

/** Selection (administrators); the draw is in `panelDrawContracts`. */
export const panelSelectionContracts = {
  startPanelSelection: contract({
    name: 'startPanelSelection',
    summary: 'Start computing the lottery as a background job (administrators); its state is at GET …/selection',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  panelSelection: contract({
    name: 'panelSelection',
    summary: 'Where the selection stands: queued, running (with progress), infeasible (with a relaxation), failed or ready (facilitators)',
    input: Type.Object({ id: Id }),
    output: Type.Object({ stage: oneOf(panelStages), selection: Type.Union([SelectionStateSchema, Type.Null()]), lotteryHash: Type.Union([Type.String(), Type.Null()]), hashPublished: Type.Boolean() }),
  }),
  relaxPanelQuotas: contract({
    name: 'relaxPanelQuotas',
    summary: 'Apply the relaxation of the quotas the infeasible selection suggested (administrators)',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
};

/**
 * The announced draw (issue 18): announce (hashes published, the seed's source and time fixed at least 24 hours
 * ahead), draw with the source's value once it exists, and the public record anyone can check.
 */
export const panelDrawContracts = {
  announcePanelDraw: contract({
    name: 'announcePanelDraw',
    summary: 'Announce the draw: close the pool, publish the hashes of the pool and of the list, and fix the seed’s source and the time its value exists, at least 24 hours ahead (administrators)',
    input: Type.Object({
      id: Id,
      seedSource: Type.String({ maxLength: 300, description: 'A public random value that does not exist yet, e.g. the numbers of a named lottery draw or a randomness beacon round' }),
      seedNotBefore: Type.String({ maxLength: 40, description: 'YYYY-MM-DDTHH:mm in the municipality’s local time (or an ISO 8601 instant with its offset), at least 24 hours from now' }),
      diceRoll: Optional(Type.String({ maxLength: 300, description: 'Optional: where a public dice roll is filmed, whose numbers are added to the seed' })),
    }),
    output: Type.Object({ poolHash: Type.String(), lotteryHash: Type.String(), seedSource: Type.String(), notBefore: Type.String({ description: 'ISO 8601 instant' }) }),
  }),
  drawPanel: contract({
    name: 'drawPanel',
    summary: 'The draw: the announced source’s value (entered once, not before its time) picks the panel from the published list; those drawn are e-mailed a confirmation link (administrators)',
    input: Type.Object({ id: Id, seedValue: Type.String({ maxLength: 200, description: 'The value as published by the source, e.g. “4 11 17 23 30 31 33”' }) }),
    output: Type.Object({ index: Type.Integer(), numbers: Type.Array(Type.Integer()) }),
  }),
  panelLottery: contract({
    name: 'panelLottery',
    summary: 'The public record of the announced draw (tingsted-lottery-record/1): pseudonymous pool, quotas, k, algorithm, list, seed source and value, the panel; check it with `tingsted-sortition verify RECORD.json`',
    input: Type.Object({ id: Id }),
    output: LotteryRecordSchema,
  }),
};

/** Seats: confirming (the member, or staff), replacing (administrators). */
export const panelMemberContracts = {
  confirmPanelSeat: contract({
    name: 'confirmPanelSeat',
    summary: 'Confirm a seat with the token from the e-mail; links the signed-in account to the seat',
    input: Type.Object({ id: Id, token: Type.String({ maxLength: 200 }) }),
    output: Type.Object({ number: Type.Integer() }),
  }),
  confirmPanelSeatByStaff: contract({
    name: 'confirmPanelSeatByStaff',
    summary:
      'Confirm a selected member’s seat on their behalf, by phone or letter (administrators). With `accountEmail` the member’s account is linked at once; otherwise a fresh seat link is made (e-mailed to the member when they gave an address, and returned to hand over) so they can take part and vote',
    input: Type.Object({ id: Id, number: Type.Integer(), accountEmail: Optional(Type.String({ maxLength: 320, description: 'The member’s account, when staff know it' })) }),
    output: Type.Object({ link: Type.Union([Type.String({ description: 'Path of the seat link, shown once' }), Type.Null()]), linked: Type.Boolean() }),
  }),
  replacePanelMember: contract({
    name: 'replacePanelMember',
    summary: 'Replace a member who dropped out with one drawn fairly from the pool so the quotas still hold (administrators)',
    input: Type.Object({ id: Id, number: Type.Integer(), reason: Optional(Type.String({ maxLength: 500 })) }),
    output: Type.Object({ replacement: Type.Integer() }),
  }),
};

/** The members' workspace: materials, notes, recommendations, amendments and votes. */
export const panelWorkspaceContracts = {
  panelWorkspace: contract({
    name: 'panelWorkspace',
    summary: 'The members’ workspace: sessions, materials, notes, recommendations with amendments and the actor’s votes (members and facilitators)',
    input: Type.Object({ id: Id }),
    output: WorkspaceSchema,
  }),
  addPanelItem: contract({
    name: 'addPanelItem',
    summary: 'Add a material, presentation or submission (facilitators) or a small group’s notes (anyone in the workspace)',
    input: Type.Object({
      id: Id,
      kind: oneOf(itemKinds),
      itemTitle: Type.String({ maxLength: 200 }),
      body: Optional(Type.String({ maxLength: 20_000, description: 'Required for notes and submissions' })),
      link: Optional(Type.String({ maxLength: 2000, description: 'http(s):// address' })),
      source: Optional(Type.String({ maxLength: 200, description: 'Required for submissions and presentations' })),
      smallGroup: Optional(Type.String({ maxLength: 100, description: 'Required for notes' })),
      sessionId: Optional(Type.String({ maxLength: 40, description: 'A session of the panel, or empty' })),
    }),
    output: Created,
  }),
  draftPanelRecommendation: contract({
    name: 'draftPanelRecommendation',
    summary: 'Draft a recommendation (members and facilitators)',
    input: Type.Object({ id: Id, recTitle: Type.String({ maxLength: 200 }), recBody: Type.String({ maxLength: 10_000 }) }),
    output: Type.Object({ id: Type.String(), number: Type.Integer() }),
  }),
  proposePanelAmendment: contract({
    name: 'proposePanelAmendment',
    summary: 'Propose new wording for a recommendation still being drafted (members and facilitators)',
    input: Type.Object({ recommendationId: Id, amendBody: Type.String({ maxLength: 10_000 }), rationale: Optional(Type.String({ maxLength: 2000 })) }),
    output: Created,
  }),
  decidePanelAmendment: contract({
    name: 'decidePanelAmendment',
    summary: 'Accept (the wording replaces the recommendation’s) or reject an amendment, as the panel decided (facilitators)',
    input: Type.Object({ amendmentId: Id, decision: oneOf(['accepted', 'rejected'] as const) }),
    output: Done,
  }),
  openPanelVoting: contract({
    name: 'openPanelVoting',
    summary: 'Open the vote on a recommendation; its text is then fixed (facilitators)',
    input: Type.Object({ recommendationId: Id }),
    output: Done,
  }),
  castPanelVote: contract({
    name: 'castPanelVote',
    summary: 'A member’s vote on a recommendation: yes, no or abstain, once',
    input: Type.Object({ recommendationId: Id, choice: oneOf(voteChoices) }),
    output: Done,
  }),
  closePanelVoting: contract({
    name: 'closePanelVoting',
    summary:
      'Close the vote and record the result against the quorum: not decided (`decided: false`, status no_quorum, may be opened again) when fewer members voted than the quorum, else adopted or not (facilitators)',
    input: Type.Object({ recommendationId: Id }),
    output: Type.Object({
      adopted: Type.Boolean(),
      decided: Type.Boolean({ description: 'False when fewer members voted than the quorum' }),
      voted: Type.Integer({ description: 'Members who voted, abstentions included' }),
      members: Type.Integer(),
      quorum: Type.Integer(),
    }),
  }),
  publishPanelReport: contract({
    name: 'publishPanelReport',
    summary: 'Publish the final report once every recommendation is voted on; members and followers are told (facilitators)',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  setPanelPublicName: contract({
    name: 'setPanelPublicName',
    summary: 'A member chooses the name the public page shows (empty: not shown)',
    input: Type.Object({ id: Id, publicName: Type.String({ maxLength: 100 }) }),
    output: Done,
  }),
};

/** The response and the public record. */
export const panelResponseContracts = {
  answerPanelRecommendation: contract({
    name: 'answerPanelRecommendation',
    summary: 'The decision-maker’s answer to an adopted recommendation, with reasons, date and progress (decision-makers)',
    input: Type.Object({
      recommendationId: Id,
      decision: oneOf(decisions),
      reasons: Type.String({ maxLength: 5000 }),
      decidedOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
      progressPercent: Optional(Type.Integer({ description: '0 to 100; not for rejected ones' })),
      progressNote: Optional(Type.String({ maxLength: 2000 })),
    }),
    output: Done,
  }),
  publicPanel: contract({
    name: 'publicPanel',
    summary: 'A citizens’ panel as its public page shows it: method, composition, timetable, recommendations and answers',
    input: Type.Object({ id: Id }),
    output: PublicPanelSchema,
  }),
  followPanel: contract({
    name: 'followPanel',
    summary: 'Follow a panel (e-mail when the report and the answers come) or stop following',
    input: Type.Object({ id: Id, on: Type.Boolean() }),
    output: Done,
  }),
};

// ---- Panel members and decisions (issue 18, part 4): administrators, quorum, assisted registration ----

const NamedAdministratorSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  email: Type.String(),
  creator: Type.Boolean(),
  addedBy: Type.Union([Type.String(), Type.Null()]),
  addedAt: Type.String({ description: 'ISO 8601 instant' }),
});

/** Who administers a panel, its quorum, registration sessions and registrations entered by staff. */
export const panelMembersContracts = {
  panelAdministrators: contract({
    name: 'panelAdministrators',
    summary: 'The people named as the panel’s administrators; administrators and process managers always administer too (administrators)',
    input: Type.Object({ id: Id }),
    output: Type.Object({ named: Type.Array(NamedAdministratorSchema), canName: Type.Boolean() }),
  }),
  addPanelAdministrator: contract({
    name: 'addPanelAdministrator',
    summary: 'Name a person, by their account’s e-mail address, as one of the panel’s administrators (its creator, administrators, process managers)',
    input: Type.Object({ id: Id, email: Type.String({ maxLength: 320 }) }),
    output: Type.Object({ userId: Type.String() }),
  }),
  removePanelAdministrator: contract({
    name: 'removePanelAdministrator',
    summary: 'Remove a named administrator; the creator stays (its creator, administrators, process managers)',
    input: Type.Object({ id: Id, userId: Id }),
    output: Done,
  }),
  setPanelQuorum: contract({
    name: 'setPanelQuorum',
    summary: 'Set how many members must vote for a decision (1 to the panel’s size); left out: two thirds of the members, rounded up (administrators)',
    input: Type.Object({ id: Id, quorum: Optional(Type.Integer({ description: '1 to the panel’s size; leave out for the default' })) }),
    output: Type.Object({ quorum: Type.Union([Type.Integer(), Type.Null()]) }),
  }),
  setPanelRegistrationSession: contract({
    name: 'setPanelRegistrationSession',
    summary: 'Switch on a registration session for an event (1 to 12 hours; 0 switches it off): the registration form’s per-address limit is lifted for this panel meanwhile (administrators)',
    input: Type.Object({ id: Id, hours: Type.Integer({ description: '0 to 12' }) }),
    output: Type.Object({ until: Type.Union([Type.String({ description: 'ISO 8601 instant' }), Type.Null()]) }),
  }),
  registerPanelRespondentAssisted: contract({
    name: 'registerPanelRespondentAssisted',
    summary:
      'Register a person who is on the phone or at the desk: their code, consent (read to them), one answer per question (q<index> when missing), name and an e-mail address or phone number; the staff member is recorded (administrators)',
    input: Type.Object({
      id: Id,
      channel: oneOf(['phone', 'desk'] as const),
      code: Type.String({ maxLength: 40 }),
      consent: Type.Boolean({ description: 'The person heard the consent text and agreed' }),
      answers: Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: 'Question name → one of its values' }),
      name: Type.String({ maxLength: 200 }),
      email: Optional(Type.String({ maxLength: 320 })),
      phone: Optional(Type.String({ maxLength: 40 })),
    }),
    output: Type.Object({ number: Type.Integer({ description: 'The respondent number in the pool' }) }),
  }),
};

/** Every panels contract by use case. */
export const panelContracts = {
  ...panelSetupContracts,
  ...panelInvitationContracts,
  ...panelRegistrationContracts,
  ...panelSelectionContracts,
  ...panelDrawContracts,
  ...panelMemberContracts,
  ...panelWorkspaceContracts,
  ...panelResponseContracts,
  ...panelMembersContracts,
  ...panelRecruitmentContracts,
};

export { PanelCanSchema };
