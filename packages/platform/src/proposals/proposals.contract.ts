// The contracts of the use cases on citizen proposals (issue 19): drafting, co-authors, publishing, signing and
// withdrawing (residents); the phase's rules, the answer, milestones and the signature counts (staff). Shared by
// the /api/v1 routes and the proposal pages' form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { ImageSizeFields, UploadSchema } from '../files/files.contract.ts';
import { proposalStages } from './proposals.tables.ts';

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const Contents = {
  title: Type.String({ maxLength: 1000, description: '5–150 characters' }),
  body: Type.String({ maxLength: 20000, description: 'The proposal: 20–10,000 characters' }),
  decision: Type.String({ maxLength: 5000, description: 'What the council should decide: 10–2,000 characters' }),
  area: Type.Optional(Type.String({ maxLength: 200, description: "One of the municipality's areas; empty for the whole municipality" })),
};

const ProposalCan = Type.Object({
  sign: Type.Boolean(),
  withdraw: Type.Boolean(),
  edit: Type.Boolean(),
  publish: Type.Boolean(),
  invite: Type.Boolean(),
  addImage: Type.Boolean({ description: 'Add an image (its authors, while a draft, up to the limit)' }),
  acceptInvitation: Type.Boolean(),
  flag: Type.Boolean(),
  answer: Type.Boolean(),
  addMilestone: Type.Boolean(),
  moderate: Type.Boolean(),
  exportSignatures: Type.Boolean(),
});

/** A proposal as pages and the API see it. */
export const ProposalSchema = Type.Object({
  id: Type.String(),
  processId: Type.String(),
  phaseId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  decision: Type.String(),
  area: Type.Union([Type.String(), Type.Null()]),
  stage: oneOf(proposalStages, { description: 'draft, collecting (signatures), submitted (reached the threshold; with the municipality), answered' }),
  expired: Type.Boolean({ description: 'The deadline passed before the threshold was reached' }),
  status: Type.String({ description: 'The status the municipality gave it (GET /statuses)' }),
  signatures: Type.Integer(),
  threshold: Type.Integer(),
  deadline: Instant,
  publishedAt: Instant,
  reachedAt: Instant,
  answerDue: Instant,
  progressPercent: Type.Union([Type.Integer(), Type.Null()]),
  authorNames: Type.Array(Type.String()),
  images: Type.Array(Type.Object({ id: Type.String({ description: 'Served from /files/{id}' }), alt: Type.String({ description: 'What the image shows' }), ...ImageSizeFields })),
  hidden: Type.Union([Type.Object({ reason: Type.String() }), Type.Null()]),
  mine: Type.Boolean({ description: 'The viewer is an author or co-author' }),
  signedByViewer: Type.Boolean(),
  signingOpen: Type.Boolean(),
  can: ProposalCan,
});

const Settings = Type.Object({
  threshold: Type.Integer({ description: 'Signatures needed' }),
  signingDays: Type.Integer({ description: 'Days a published proposal collects signatures' }),
  answerDays: Type.Integer({ description: 'Days the municipality has to answer once the threshold is reached' }),
  minAge: Type.Union([Type.Integer(), Type.Null()], { description: 'Youngest age that may sign (by year of birth); null: any' }),
  areas: Type.Array(Type.String(), { description: 'Areas whose residents may sign; empty: anyone' }),
});

/** Proposal contracts by use case. */
export const proposalContracts = {
  proposalsOf: contract({
    name: 'proposalsOf',
    summary: "A proposals phase's proposals, most signatures first, then the nearest deadline; with a stage, only those",
    input: Type.Object({ phaseId: Id, stage: Type.Optional(oneOf([...proposalStages, 'expired'] as const, { description: 'draft (own), collecting, submitted, answered or expired' })) }),
    output: Type.Object({
      open: Type.Boolean({ description: 'The phase takes new proposals now' }),
      proposals: Type.Array(ProposalSchema),
      can: Type.Object({ draft: Type.Boolean({ description: 'Draft a proposal here (signed in, phase open)' }), manage: Type.Boolean({ description: "Set the phase's rules and export signatures (staff)" }) }),
    }),
  }),
  municipalProposals: contract({
    name: 'municipalProposals',
    summary: "The municipality's proposals section: the proposals of every proposals phase, most signatures first, then the nearest deadline; with a stage, only those",
    input: Type.Object({ stage: Type.Optional(oneOf([...proposalStages, 'expired'] as const, { description: 'draft (own), collecting, submitted, answered or expired' })) }),
    output: Type.Object({
      proposals: Type.Array(Type.Object({ ...ProposalSchema.properties, processSlug: Type.String({ description: 'Its page: /processes/{processSlug}/proposals/{id}' }) })),
      phases: Type.Array(Type.Object({ id: Type.String(), processSlug: Type.String(), open: Type.Boolean({ description: 'Takes new proposals now (POST /phases/{id}/proposals)' }) })),
      can: Type.Object({ draft: Type.Boolean({ description: 'Draft a proposal in an open phase (signed in)' }) }),
    }),
  }),
  draftProposal: contract({
    name: 'draftProposal',
    summary: 'Draft a proposal in an open proposals phase (a confirmed account)',
    input: Type.Object({ phaseId: Id, ...Contents }),
    output: Created,
  }),
  getProposal: contract({
    name: 'getProposal',
    summary: 'A proposal: its stage, status, signatures against the threshold and deadline, signers who show their name, answers and milestones',
    input: Type.Object({ id: Id }),
    output: Type.Object({
      proposal: ProposalSchema,
      processSlug: Type.String(),
      invited: Type.Boolean({ description: "The viewer's address has a co-author invitation waiting" }),
      coauthors: Type.Array(Type.Object({ email: Type.String(), accepted: Type.Boolean() }), { description: 'For its authors only' }),
      shownSigners: Type.Array(Type.String(), { description: 'Names of signers who chose to show them' }),
      answers: Type.Array(Type.Object({ status: Type.String(), body: Type.Union([Type.String(), Type.Null()]), authorName: Type.String(), authorRole: Type.String(), createdAt: Type.String({ format: 'date-time' }) })),
      milestones: Type.Array(Type.Object({ title: Type.String(), date: Type.String({ format: 'date' }), progress: Type.Integer() })),
    }),
  }),
  editProposal: contract({
    name: 'editProposal',
    summary: 'Change a draft (its authors), until it is published',
    input: Type.Object({ id: Id, ...Contents }),
    output: Done,
  }),
  addProposalImage: contract({
    name: 'addProposalImage',
    summary: 'Add an image (PNG, JPEG or WebP, at most 5 MB, with its alt text) to a draft (its authors); at most 5',
    input: Type.Object({
      id: Id,
      file: UploadSchema,
      altText: Type.String({ maxLength: 300, description: 'What the image shows, for those who cannot see it' }),
      locale: Type.Optional(LocaleSchema),
    }),
    output: Created,
  }),
  removeProposalImage: contract({
    name: 'removeProposalImage',
    summary: "Remove an image from a draft (its authors)",
    input: Type.Object({ id: Id, fileId: Id }),
    output: Done,
  }),
  inviteCoauthor: contract({
    name: 'inviteCoauthor',
    summary: 'Invite a co-author by e-mail address (the author, while it is a draft); they accept when signed in with that address',
    input: Type.Object({ id: Id, email: Type.String({ maxLength: 320 }) }),
    output: Type.Object({ hasAccount: Type.Boolean({ description: 'Someone has an account at that address and was told' }) }),
  }),
  acceptCoauthorship: contract({
    name: 'acceptCoauthorship',
    summary: "Accept an invitation to co-author a proposal, sent to one's own address",
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  publishProposal: contract({
    name: 'publishProposal',
    summary: 'Publish a draft (its authors): it collects signatures until the deadline, against the threshold in force now',
    input: Type.Object({ id: Id }),
    output: Type.Object({ deadline: Type.String({ format: 'date-time' }), threshold: Type.Integer() }),
  }),
  signProposal: contract({
    name: 'signProposal',
    summary: "Sign a proposal (once, before its deadline; not one's own; a confirmed account and the phase's age and area rules)",
    input: Type.Object({ id: Id, showName: Type.Optional(Type.Boolean({ description: 'Show my name among the signers (default: no)' })) }),
    output: Type.Object({ signatures: Type.Integer(), reachedThreshold: Type.Boolean({ description: 'This signature reached the threshold: the proposal went to the municipality' }) }),
  }),
  withdrawSignature: contract({
    name: 'withdrawSignature',
    summary: 'Withdraw my signature (until the deadline)',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  proposalSettings: contract({
    name: 'proposalSettings',
    summary: "A proposals phase's rules: threshold, signing period, answer time, who may sign",
    input: Type.Object({ phaseId: Id }),
    output: Settings,
  }),
  setProposalSettings: contract({
    name: 'setProposalSettings',
    summary: "Set a proposals phase's rules (staff); published proposals keep their threshold and deadline",
    input: Type.Object({
      phaseId: Id,
      threshold: Type.Integer({ minimum: 1, maximum: 1000000 }),
      signingDays: Type.Integer({ minimum: 1, maximum: 730 }),
      answerDays: Type.Integer({ minimum: 1, maximum: 730 }),
      minAge: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 120 }), Type.Null()])),
      areas: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })),
    }),
    output: Settings,
  }),
  answerProposal: contract({
    name: 'answerProposal',
    summary: 'Give a proposal that reached its threshold a status with an official answer (staff); authors and signers are told',
    input: Type.Object({
      id: Id,
      status: Type.String({ maxLength: 40, description: 'A status key (GET /statuses)' }),
      body: Type.Optional(Type.String({ maxLength: 5000, description: 'The answer, shown with the name and role of the one who gave it' })),
    }),
    output: Done,
  }),
  addProposalMilestone: contract({
    name: 'addProposalMilestone',
    summary: 'Add a dated milestone to an answered proposal whose status carries progress (staff); authors and signers are told',
    input: Type.Object({ id: Id, title: Type.String({ maxLength: 1000 }), date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }), progress: Type.Integer({ minimum: 0, maximum: 100 }) }),
    output: Done,
  }),
  signatureCounts: contract({
    name: 'signatureCounts',
    summary: 'Signatures counted per area and age group (staff); never names',
    input: Type.Object({ id: Id }),
    output: Type.Object({
      rows: Type.Array(Type.Object({ area: Type.Union([Type.String(), Type.Null()]), ageGroup: Type.Union([Type.String(), Type.Null()]), count: Type.Integer() })),
      total: Type.Integer(),
    }),
  }),
};
