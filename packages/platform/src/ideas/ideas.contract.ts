// The contracts of the use cases on ideas: posting, editing, supporting and commenting (residents); the edit
// history, official answers (which set an idea's status) and milestones (staff). Reports and moderation: the
// moderation module's contracts. Shared by the /api/v1 routes and the idea and management pages' form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Done, Id, Localized } from '../edge/schemas.ts';
import { GeometrySchema } from '../municipality/municipality.contract.ts';

const StatusRules = {
  requiresAnswer: Type.Optional(Type.Boolean({ description: 'An official answer must be written with it' })),
  allowsProgress: Type.Optional(Type.Boolean({ description: 'It carries milestones and progress' })),
};

const StatusLabel = Type.Record(Type.String(), Type.String({ maxLength: 1000 }), { description: 'The label per language (nb, nn, sv, da, en); at least one, each at most 60 characters' });

/** Idea contracts by use case. */
export const ideaContracts = {
  postIdea: contract({
    name: 'postIdea',
    summary: 'Post an idea in an open ideas phase',
    input: Type.Object({
      phaseId: Id,
      title: Type.String({ maxLength: 1000 }),
      body: Type.String({ maxLength: 20000 }),
      category: Type.Optional(Type.String({ maxLength: 200, description: "One of the phase's categories, when it has some" })),
      location: Type.Optional(Type.Union([GeometrySchema, Type.Null()], { description: 'Where the idea is about, when the phase asks for a location: a Point, LineString or Polygon inside the municipality' })),
      address: Type.Optional(Type.String({ maxLength: 300, description: "Instead of location: a place's or area's name on the municipality's map, or coordinates as \"lat, lon\"" })),
    }),
    output: Type.Object({ id: Type.String(), awaitingScreening: Type.Boolean() }),
  }),
  supportIdea: contract({ name: 'supportIdea', summary: 'Support an idea (once per person)', input: Type.Object({ id: Id }), output: Done }),
  withdrawSupport: contract({ name: 'withdrawSupport', summary: 'Withdraw support', input: Type.Object({ id: Id }), output: Done }),
  followIdea: contract({
    name: 'followIdea',
    summary: 'Follow an idea (be told when it is answered, changes status or gets a milestone), or stop following it',
    input: Type.Object({ id: Id, follow: Type.Boolean({ description: 'true to follow, false to stop' }) }),
    output: Done,
  }),
  postComment: contract({
    name: 'postComment',
    summary: 'Comment on an idea, or reply to a comment',
    input: Type.Object({ id: Id, body: Type.String({ maxLength: 10000 }), parentId: Type.Optional(Id) }),
    output: Type.Object({ id: Type.String() }),
  }),
  editIdea: contract({
    name: 'editIdea',
    summary: "Edit one's own idea (title, text, category, place) until the first support or comment; a hidden idea's author may edit it whatever the reactions, which asks the moderators to review it",
    input: Type.Object({
      id: Id,
      title: Type.String({ maxLength: 1000 }),
      body: Type.String({ maxLength: 20000 }),
      category: Type.Optional(Type.String({ maxLength: 200, description: "One of the phase's categories, when it has some" })),
      location: Type.Optional(Type.Union([GeometrySchema, Type.Null()], { description: 'A new place, when the phase asks for a location (as when posting); leave out with address to keep the place' })),
      address: Type.Optional(Type.String({ maxLength: 300, description: "Instead of location: a place's or area's name on the municipality's map, or coordinates as \"lat, lon\"" })),
    }),
    output: Type.Object({ reviewRequested: Type.Boolean({ description: 'The idea was hidden: it is back in the moderators\' queue' }) }),
  }),
  ideaEdits: contract({
    name: 'ideaEdits',
    summary: "An idea's edit history: who changed it, when, and what it said before (staff who moderate or answer ideas)",
    input: Type.Object({ id: Id }),
    output: Type.Object({
      edits: Type.Array(
        Type.Object({
          editorName: Type.Union([Type.String(), Type.Null()]),
          editedAt: Type.String({ format: 'date-time' }),
          previousTitle: Type.String(),
          previousBody: Type.String(),
          previousCategory: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  }),
  answerIdea: contract({
    name: 'answerIdea',
    summary: "Set an idea's status with an official answer (staff; the answer is required when rejecting)",
    input: Type.Object({
      id: Id,
      status: Type.String({ maxLength: 40, description: 'A status key (GET /statuses)' }),
      body: Type.Optional(Type.String({ maxLength: 5000, description: 'The answer, shown with the name and role of the one who gave it' })),
    }),
    output: Done,
  }),
  addMilestone: contract({
    name: 'addMilestone',
    summary: 'Add a dated milestone with progress (0-100) to an idea whose status allows progress (staff)',
    input: Type.Object({
      id: Id,
      title: Type.String({ maxLength: 1000 }),
      date: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
      progress: Type.Integer(),
    }),
    output: Done,
  }),
  listStatuses: contract({
    name: 'listStatuses',
    summary: 'The statuses an idea can have, in order (built-in ones are translated by key, labels are the municipality\'s own)',
    input: Type.Object({}),
    output: Type.Object({
      statuses: Type.Array(Type.Object({ key: Type.String(), label: Localized, builtIn: Type.Boolean(), requiresAnswer: Type.Boolean(), allowsProgress: Type.Boolean() })),
    }),
  }),
  addStatus: contract({
    name: 'addStatus',
    summary: "Add a municipality's own status (administrators); its key is made from the label and never changes",
    input: Type.Object({ label: StatusLabel, ...StatusRules }),
    output: Type.Object({ key: Type.String() }),
  }),
  updateStatus: contract({
    name: 'updateStatus',
    summary: "Change a municipality's own status: its labels and rules (administrators; built-in statuses are fixed: 409)",
    input: Type.Object({ key: Type.String({ maxLength: 100 }), label: StatusLabel, ...StatusRules }),
    output: Done,
  }),
  removeStatus: contract({
    name: 'removeStatus',
    summary: "Remove a municipality's own status that no idea has or had (administrators)",
    input: Type.Object({ key: Type.String({ maxLength: 100 }) }),
    output: Done,
  }),
};
