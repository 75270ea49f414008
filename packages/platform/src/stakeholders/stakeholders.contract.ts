// The contracts of the stakeholder panels' use cases: one input and one output schema each, shared by the
// /api/v1 routes and the web app's form actions (see docs/decisions/0006-one-edge-contract.md).
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { minutesContract, recommendationContracts } from './recommendations.contract.ts';
import { stakeholderLimits as limits } from './stakeholders.types.ts';

/** What the actor may do in a panel (from the stakeholders policy). */
export const PanelCanSchema = Type.Object({
  facilitate: Type.Boolean({ description: 'Set up the panel, see the invitation chain, review facts, keep the timeline and meetings' }),
  invite: Type.Boolean({ description: 'Invite someone by e-mail with a role (stakeholders while they have invitations left)' }),
  introduce: Type.Boolean({ description: 'Update their own public introduction' }),
  submitFact: Type.Boolean(),
  recommend: Type.Boolean({ description: 'Draft a recommendation' }),
  decide: Type.Boolean({ description: 'Accept or reject recommendations with reasons' }),
});

/** A panel as the actor sees it. */
export const PresentedPanelSchema = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  processId: Type.String(),
  inviteLimit: Type.Integer({ description: 'How many others each invited stakeholder may invite in turn' }),
  stakeholder: Type.Union([Type.Object({ id: Type.String(), role: Type.String(), invitesLeft: Type.Integer() }, { description: 'The actor in the panel, if they are in it' }), Type.Null()]),
  can: PanelCanSchema,
});

/**
 * A source of a fact. A document that the stakeholder uploads goes in `file` with its bytes in base64 (PDF, ODT
 * or DOCX up to 5 MB, checked by its content); on revision `fileId` keeps one of the fact's documents.
 */
export const SourceInputSchema = Type.Object({
  kind: Type.Optional(oneOf(['link', 'document'] as const, { description: 'link (needs url) or document (needs title, file or fileId); a file makes it a document' })),
  title: Type.Optional(Type.String({ maxLength: limits.sourceTitle })),
  url: Type.Optional(Type.String({ maxLength: 2000, description: 'An http(s) address: the link, or where a document is online' })),
  fileId: Type.Optional(Type.String({ maxLength: 64, description: "Revision only: keep this uploaded document of the fact (FactView's sources[].document.id)" })),
  file: Type.Optional(
    Type.Object({
      filename: Type.String({ maxLength: 255 }),
      contentType: Type.String({ maxLength: 200 }),
      data: Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', contentEncoding: 'base64', description: 'The document, base64-encoded' }),
    }),
  ),
});

const FactViewSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  status: oneOf(['submitted', 'changes_requested', 'approved', 'rejected'] as const),
  reviewReason: Type.Union([Type.String(), Type.Null()]),
  stakeholder: Type.Union([Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), role: Type.String() }), Type.Null()]),
  sources: Type.Array(
    Type.Object({
      kind: oneOf(['link', 'document'] as const),
      title: Type.String(),
      url: Type.Union([Type.String(), Type.Null()]),
      document: Type.Union([Type.Object({ id: Type.String(), url: Type.String({ description: '/files/{id}' }), filename: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() }), Type.Null()]),
    }),
  ),
  disputes: Type.Union([Type.Integer(), Type.Null()]),
  disputedBy: Type.Array(Type.Integer()),
  updatedAt: Type.String({ format: 'date-time' }),
});

const introduction = {
  name: Type.String({ maxLength: limits.name }),
  speaksFor: Type.String({ maxLength: limits.speaksFor, description: 'Whom they speak for' }),
  introduction: Type.String({ maxLength: limits.introduction, description: 'At least 10 characters' }),
};
const factText = { title: Type.String({ maxLength: limits.factTitle }), body: Type.String({ maxLength: limits.factBody }) };
const Numbers = (description: string) => Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100, description }));

/** Stakeholder panel contracts by use case. */
export const stakeholderContracts = {
  panel: contract({
    name: 'stakeholderPanel',
    summary: 'A stakeholder panel with what the actor may do in it (anyone who may see its process)',
    input: Type.Object({ panelId: Id }),
    output: PresentedPanelSchema,
  }),
  setUpPanel: contract({
    name: 'setUpPanel',
    summary: 'Create or update the panel of a stakeholder phase: how many others each stakeholder may invite, 0–50 (facilitators)',
    input: Type.Object({ phaseId: Id, inviteLimit: Type.Integer() }),
    output: Created,
  }),
  invite: contract({
    name: 'inviteStakeholder',
    summary: 'Invite someone by e-mail with a role; they get a link to join. Facilitators invite freely, stakeholders while they have invitations left',
    input: Type.Object({ panelId: Id, email: Type.String({ maxLength: 254 }), role: Type.String({ maxLength: limits.role }), locale: Type.Optional(LocaleSchema) }),
    output: Created,
  }),
  invitation: contract({
    name: 'stakeholderInvitation',
    summary: 'The invitation behind a link, while it is unused (404 otherwise)',
    input: Type.Object({ token: Type.String({ maxLength: 100 }) }),
    output: Type.Object({
      panelId: Type.String(),
      role: Type.String(),
      invitedBy: Type.Union([Type.String(), Type.Null()], { description: 'The stakeholder who invited (by the name they joined with); null when the facilitators did' }),
    }),
  }),
  acceptInvitation: contract({
    name: 'acceptInvitation',
    summary: 'Join a panel with the token from the invitation and write a public introduction (signed in)',
    input: Type.Object({ token: Type.String({ maxLength: 100 }), ...introduction }),
    output: Type.Object({ panelId: Type.String() }),
  }),
  invitationChain: contract({
    name: 'invitationChain',
    summary: 'Who invited whom, depth-first, with the e-mail address of pending invitations (facilitators; the reading is audited)',
    input: Type.Object({ panelId: Id }),
    output: Type.Array(
      Type.Object({
        id: Type.String(),
        role: Type.String(),
        name: Type.Union([Type.String(), Type.Null()]),
        email: Type.Union([Type.String(), Type.Null()]),
        invitedBy: Type.Union([Type.String(), Type.Null()]),
        invitesLeft: Type.Integer(),
        joined: Type.Boolean(),
        depth: Type.Integer(),
      }),
    ),
  }),
  updateIntroduction: contract({
    name: 'updateIntroduction',
    summary: "Update one's own public introduction (stakeholders of the panel)",
    input: Type.Object({ panelId: Id, ...introduction }),
    output: Done,
  }),
  addStep: contract({
    name: 'addTimelineStep',
    summary: "Add a dated step to the panel's public timeline (facilitators)",
    input: Type.Object({ panelId: Id, title: Type.String({ maxLength: limits.stepTitle }), happensOn: Type.String({ format: 'date' }), description: Type.Optional(Type.String({ maxLength: 2000 })) }),
    output: Created,
  }),
  submitFact: contract({
    name: 'submitFact',
    summary: 'Submit a fact with one to ten sources (links, cited documents, uploaded documents as base64) for review; nothing is stored unless all of it is valid (stakeholders)',
    input: Type.Object({
      panelId: Id,
      ...factText,
      sources: Type.Array(SourceInputSchema, { maxItems: limits.sources }),
      disputes: Type.Optional(Type.Integer({ minimum: 1, description: 'The number of an approved fact this one disputes' })),
      locale: Type.Optional(LocaleSchema),
    }),
    output: Type.Object({ id: Type.String(), number: Type.Integer() }),
  }),
  factsForReview: contract({
    name: 'factsForReview',
    summary: 'Every fact with its review state (facilitators), or the actor’s own (stakeholders)',
    input: Type.Object({ panelId: Id }),
    output: Type.Array(FactViewSchema),
  }),
  reviseFact: contract({
    name: 'reviseFact',
    summary: 'Revise a fact sent back for changes; it returns to review. The sources given replace the old ones (the author)',
    input: Type.Object({ factId: Id, ...factText, sources: Type.Array(SourceInputSchema, { maxItems: limits.sources }), locale: Type.Optional(LocaleSchema) }),
    output: Done,
  }),
  reviewFact: contract({
    name: 'reviewFact',
    summary: 'Approve a fact onto the fact sheet, send it back for changes or reject it; the last two need a reason (facilitators)',
    input: Type.Object({ factId: Id, decision: oneOf(['approve', 'changes', 'reject'] as const), reason: Type.Optional(Type.String({ maxLength: limits.reason.max })) }),
    output: Done,
  }),
  scheduleMeeting: contract({
    name: 'scheduleMeeting',
    summary: 'Schedule a live meeting with its agenda and stream link (facilitators)',
    input: Type.Object({
      panelId: Id,
      title: Type.String({ maxLength: limits.meetingTitle }),
      startsAt: Type.String({ maxLength: 40, description: "YYYY-MM-DDTHH:MM as the municipality's wall clock (its time zone, summer time included), or with Z or an offset" }),
      streamUrl: Type.Optional(Type.String({ maxLength: 2000 })),
      place: Type.Optional(Type.String({ maxLength: limits.place, description: 'Where it happens, when not only streamed' })),
      agenda: Type.Optional(Type.String({ maxLength: limits.agenda, description: 'One item per line' })),
    }),
    output: Created,
  }),
  recordMinutes: minutesContract,
  draftRecommendation: contract({
    name: 'draftRecommendation',
    summary: "Draft a recommendation resting on statements of the process's conversation and approved facts, by number (facilitators and stakeholders)",
    input: Type.Object({
      panelId: Id,
      title: Type.String({ maxLength: limits.recommendationTitle }),
      body: Type.String({ maxLength: limits.recommendationBody }),
      statements: Numbers('Statement numbers in the conversation'),
      facts: Numbers('Numbers of approved facts'),
      meetingId: Type.Optional(Type.String({ maxLength: 64, description: 'The meeting it came from; empty for none' })),
    }),
    output: Type.Object({ id: Type.String(), number: Type.Integer() }),
  }),
  decideRecommendation: contract({
    name: 'decideRecommendation',
    summary: 'Answer a recommendation the panel sent: accepted, partly or rejected, with reasons, once; refused (409) before it is sent. Members and conversation participants are notified (decision-makers)',
    input: Type.Object({ recommendationId: Id, decision: oneOf(['accepted', 'partly', 'rejected'] as const), reason: Type.String({ maxLength: limits.reason.max }) }),
    output: Done,
  }),
  ...recommendationContracts,
};

/** A source as a contract gives it (`SourceInputSchema`). */
export interface SourceInput {
  readonly kind?: 'link' | 'document';
  readonly title?: string;
  readonly url?: string;
  readonly fileId?: string;
  readonly file?: { readonly filename: string; readonly contentType: string; readonly data: string };
}

/** The sources of a contract's input as the service takes them: each uploaded document's base64 decoded. */
export function sourcesOf(sources: readonly SourceInput[]) {
  return sources.map((s) => ({
    kind: s.kind ?? 'link',
    title: s.title ?? '',
    url: s.url ?? '',
    fileId: s.fileId ?? '',
    file: s.file ? { filename: s.file.filename, contentType: s.file.contentType, data: new Uint8Array(Buffer.from(s.file.data, 'base64')) } : null,
  }));
}

/**
 * The largest request a fact may come in over the API: its documents travel as base64 (a third larger than the
 * files), so one 5 MB document fits, or several smaller ones up to about 6 MB in all, as on the page.
 */
export const factRequestBytes = 8 * 1024 * 1024;
