// The contracts of recommendations drafted together (versions, comments, support, sending, the answer) and of a
// meeting's live page (agenda, the item on now, minutes), shared by /api/v1 and the panel's pages.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { UploadSchema } from '../files/files.contract.ts';
import { stakeholderLimits as limits } from './stakeholders.types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Author = Nullable(Type.Object({ name: Nullable(Type.String()), role: Nullable(Type.String()) }, { description: 'A member by their panel name and role; name and role null for a facilitator' }));
const Time = Type.String({ format: 'date-time' });

const CommentSchema = Type.Object({
  id: Type.String(),
  author: Author,
  body: Nullable(Type.String({ description: 'Null when a facilitator hid the comment' })),
  hidden: Type.Boolean(),
  hiddenReason: Nullable(Type.String()),
  createdAt: Time,
  canReport: Type.Boolean({ description: 'Whether the actor may report it to the moderators (POST /moderation/reports with type recommendation_comment)' }),
});

/** A recommendation as the actor sees it. */
export const PresentedRecommendationSchema = Type.Object({
  id: Type.String(),
  panelId: Type.String(),
  number: Type.Integer(),
  link: Type.String({ description: 'Its page on the site' }),
  title: Type.String(),
  body: Type.String(),
  version: Type.Integer({ description: 'The current version; support counts for this version only' }),
  state: oneOf(['draft', 'sent', 'answered'] as const),
  sentAt: Nullable(Time),
  decision: Nullable(oneOf(['accepted', 'partly', 'rejected'] as const)),
  decisionReason: Nullable(Type.String()),
  decidedAt: Nullable(Time),
  support: Type.Object({
    count: Type.Integer({ description: 'Members supporting the current version' }),
    needed: Type.Integer({ description: 'Supporters the panel’s threshold asks for' }),
    members: Type.Integer(),
    threshold: Type.Object({ kind: oneOf(['share', 'count'] as const), value: Type.Integer({ description: 'Percent of members (share) or a number of members (count)' }) }),
    enough: Type.Boolean(),
    mine: Nullable(oneOf(['current', 'earlier'] as const, { description: 'The actor supports the current version, an earlier one, or none' })),
    supporters: Type.Array(Type.Object({ name: Nullable(Type.String()), role: Type.String() })),
  }),
  comments: Type.Array(Type.Object({ ...CommentSchema.properties, replies: Type.Array(CommentSchema) })),
  can: Type.Object({
    edit: Type.Boolean(),
    comment: Type.Boolean(),
    support: Type.Boolean(),
    withdraw: Type.Boolean(),
    send: Type.Boolean({ description: 'Facilitators, while it is not sent (refused without the panel’s support)' }),
    answer: Type.Boolean(),
    moderate: Type.Boolean(),
  }),
});

const DiffSchema = Type.Array(Type.Object({ kind: oneOf(['same', 'removed', 'added'] as const), text: Type.String() }));
const RecommendationInput = Type.Object({ recommendationId: Id });

/** Meeting document as the API shows it. */
const MeetingDocument = Type.Object({ id: Type.String(), url: Type.String({ description: '/files/{id}' }), filename: Type.String(), contentType: Type.String(), sizeBytes: Type.Integer() });

/** Recommendation and meeting contracts by use case. */
export const recommendationContracts = {
  recommendation: contract({
    name: 'recommendation',
    summary: 'A recommendation: current version, support against the panel’s threshold, comments, state, answer, and what the actor may do',
    input: RecommendationInput,
    output: PresentedRecommendationSchema,
  }),
  editRecommendation: contract({
    name: 'editRecommendation',
    summary: 'Save a new version of a recommendation not yet sent (members and facilitators); supporters of earlier versions are asked again',
    input: Type.Object({
      recommendationId: Id,
      title: Type.String({ maxLength: limits.recommendationTitle }),
      body: Type.String({ maxLength: limits.recommendationBody }),
      version: Type.Optional(Type.Integer({ minimum: 1, description: 'The version the edit started from: refused (409) when someone saved a newer one meanwhile' })),
    }),
    output: Type.Object({ version: Type.Integer() }),
  }),
  recommendationVersions: contract({
    name: 'recommendationVersions',
    summary: 'Every saved version of a recommendation, newest first, with its author and time',
    input: RecommendationInput,
    output: Type.Array(Type.Object({ version: Type.Integer(), title: Type.String(), body: Type.String(), author: Author, savedAt: Time })),
  }),
  compareVersions: contract({
    name: 'compareRecommendationVersions',
    summary: 'The word-level differences between two versions of a recommendation',
    input: Type.Object({ recommendationId: Id, from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
    output: Type.Object({ from: Type.Integer(), to: Type.Integer(), title: DiffSchema, body: DiffSchema }),
  }),
  commentOnRecommendation: contract({
    name: 'commentOnRecommendation',
    summary: 'Comment on a recommendation or reply to a comment (one level) (members and facilitators)',
    input: Type.Object({ recommendationId: Id, body: Type.String({ maxLength: limits.comment }), parentId: Type.Optional(Type.String({ maxLength: 64, description: 'The comment answered' })) }),
    output: Created,
  }),
  hideRecommendationComment: contract({
    name: 'hideRecommendationComment',
    summary: 'Hide a comment on a recommendation with a reason shown in its place (facilitators)',
    input: Type.Object({ commentId: Id, reason: Type.String({ maxLength: limits.reason.max }) }),
    output: Done,
  }),
  supportRecommendation: contract({
    name: 'supportRecommendation',
    summary: 'Support the current version of a recommendation not yet sent (members, once per version)',
    input: RecommendationInput,
    output: Done,
  }),
  withdrawSupport: contract({
    name: 'withdrawRecommendationSupport',
    summary: 'Withdraw one’s support from a recommendation not yet sent (members)',
    input: RecommendationInput,
    output: Done,
  }),
  sendRecommendation: contract({
    name: 'sendRecommendation',
    summary: 'Send a recommendation to the decision-maker; refused (409 SupportMissing) until the current version has the panel’s support (facilitators)',
    input: RecommendationInput,
    output: Done,
  }),
  setSupportThreshold: contract({
    name: 'setSupportThreshold',
    summary: 'The support a recommendation needs: a share of the members (1–100 %) or a number of members (1 up to the members there are) (facilitators)',
    input: Type.Object({ panelId: Id, kind: oneOf(['share', 'count'] as const), value: Type.Integer() }),
    output: Type.Object({ kind: oneOf(['share', 'count'] as const), value: Type.Integer(), needed: Type.Integer({ description: 'Supporters this makes with the members there are now' }) }),
  }),
  meeting: contract({
    name: 'stakeholderMeeting',
    summary: 'A meeting’s live page: time (and the municipality’s time zone), stream link or place, agenda with the item on now, minutes and documents',
    input: Type.Object({ meetingId: Id }),
    output: Type.Object({
      id: Type.String(),
      panelId: Type.String(),
      processSlug: Type.String(),
      title: Type.String(),
      startsAt: Time,
      timeZone: Type.String({ description: 'The municipality’s time zone, in which the page shows the time' }),
      streamUrl: Nullable(Type.String()),
      place: Nullable(Type.String()),
      agenda: Type.Array(Type.Object({ position: Type.Integer(), title: Type.String(), now: Type.Boolean() })),
      nowOn: Nullable(Type.Integer()),
      minutes: Type.String(),
      minutesPublishedAt: Nullable(Time),
      documents: Type.Array(MeetingDocument),
      can: Type.Object({ facilitate: Type.Boolean() }),
    }),
  }),
  meetingCalendar: contract({
    name: 'stakeholderMeetingCalendar',
    summary: 'A meeting as an iCalendar file (text/calendar): its start in UTC, place or stream link, agenda and page',
    input: Type.Object({ meetingId: Id }),
    output: Type.String({ description: 'text/calendar' }),
  }),
  setAgenda: contract({
    name: 'setMeetingAgenda',
    summary: 'Replace a meeting’s agenda with these items in order (facilitators); open pages update',
    input: Type.Object({ meetingId: Id, items: Type.Array(Type.String({ maxLength: limits.agendaItem }), { maxItems: limits.agendaItems }) }),
    output: Done,
  }),
  setNowOn: contract({
    name: 'setMeetingNowOn',
    summary: 'Mark the agenda item on now (its position, from 0), or none (null), during the meeting (facilitators); open pages update',
    input: Type.Object({ meetingId: Id, position: Nullable(Type.Integer({ minimum: 0 })) }),
    output: Done,
  }),
};

/** The minutes' contract, with documents: replaces the one without them. */
export const minutesContract = contract({
  name: 'recordMinutes',
  summary: 'Publish the minutes of a meeting, with documents (PDF, ODT or DOCX, base64) (facilitators)',
  input: Type.Object({ meetingId: Id, minutes: Type.String({ maxLength: limits.minutes }), documents: Type.Optional(Type.Array(UploadSchema, { maxItems: 5 })), locale: Type.Optional(LocaleSchema) }),
  output: Done,
});
