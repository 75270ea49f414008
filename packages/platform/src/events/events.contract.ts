// The contracts of the events module's use cases (issue 19, part 2): events in a process or on their own,
// signing up and cancelling, the waiting list, attendance, minutes and the ideas entered from a meeting.
// Shared by the /api/v1 routes and the event pages' form actions. Staff write times as local date-times
// (`YYYY-MM-DDTHH:MM`) in the event's time zone; answers give instants (ISO 8601) and the local times too.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, oneOf } from '../edge/schemas.ts';
import { UploadSchema } from '../files/files.contract.ts';
import { placeKinds, questionKinds } from './events.tables.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalDateTime = (description: string) => Type.String({ maxLength: 25, description: `${description}: a local date and time, YYYY-MM-DDTHH:MM, in timeZone` });

const PlaceInput = Type.Object({
  kind: oneOf(placeKinds, { description: 'address: a place to come to; online: a meeting link, shown only to registered people' }),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  url: Type.Optional(Type.String({ maxLength: 500, description: 'online: the https:// link of the meeting' })),
});

const QuestionInput = Type.Object({
  kind: oneOf(questionKinds),
  label: Type.String({ maxLength: 200 }),
  required: Type.Optional(Type.Boolean()),
  choices: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: 'choice: the options' })),
});

/** What staff write about an event (creating it, or changing it). */
const EventFields = {
  title: Type.String({ maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  startsAt: LocalDateTime('Start'),
  endsAt: LocalDateTime('End'),
  timeZone: Type.Optional(Type.String({ maxLength: 60, description: 'An IANA time zone, such as Europe/Oslo (default: the municipality’s)' })),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Seats; absent: no limit' })),
  place: PlaceInput,
  accessibility: Type.Optional(Type.String({ maxLength: 2000, description: 'Step-free access, hearing loop, interpreters …' })),
  registrationDeadline: Type.Optional(Nullable(LocalDateTime('The last moment to sign up (default: the start)'))),
  questions: Type.Optional(Type.Array(QuestionInput, { maxItems: 10 })),
};

export const QuestionSchema = Type.Object({ id: Type.String(), kind: oneOf(questionKinds), label: Type.String(), required: Type.Boolean(), choices: Type.Array(Type.String()) });

export const EventCanSchema = Type.Object({
  register: Type.Boolean({ description: 'Sign up now (signed in, not signed up, before the deadline)' }),
  cancel: Type.Boolean(),
  edit: Type.Boolean(),
  seeRegistrations: Type.Boolean(),
  markAttendance: Type.Boolean({ description: 'Staff, once the event has started' }),
  publishMinutes: Type.Boolean(),
  addIdeas: Type.Boolean({ description: 'Staff, once the event has started, when its process has an ideas phase' }),
});

export const EventSchema = Type.Object({
  id: Type.String(),
  processId: Nullable(Type.String()),
  processSlug: Nullable(Type.String()),
  phaseId: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  startsAtLocal: Type.String({ description: 'The start as a local date-time in timeZone' }),
  endsAtLocal: Type.String(),
  place: Type.Object({ kind: oneOf(placeKinds), address: Type.String(), url: Nullable(Type.String({ description: 'The meeting link: only for registered people and staff' })) }),
  accessibility: Type.String(),
  capacity: Nullable(Type.Integer()),
  registrationDeadline: Nullable(Type.String({ format: 'date-time' })),
  registrationDeadlineLocal: Nullable(Type.String()),
  questions: Type.Array(QuestionSchema),
  confirmed: Type.Integer(),
  waitlisted: Type.Integer(),
  attended: Type.Integer(),
  spotsLeft: Nullable(Type.Integer({ description: 'null: no limit' })),
  state: oneOf(['upcoming', 'ongoing', 'past'] as const),
  registrationOpen: Type.Boolean(),
  myRegistration: Nullable(Type.Object({ status: oneOf(['confirmed', 'waitlisted'] as const), position: Nullable(Type.Integer({ description: 'Place on the waiting list (1: next)' })) })),
  minutes: Nullable(Type.String({ description: 'Published minutes' })),
  documents: Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), url: Type.String(), sizeBytes: Type.Integer() }), { description: 'Documents published with the event (at /files/{id})' }),
  calendarUrl: Type.String(),
  can: EventCanSchema,
});

const RegistrationSchema = Type.Object({ status: oneOf(['confirmed', 'waitlisted'] as const) });

export const AttendeeSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  status: oneOf(['confirmed', 'waitlisted'] as const),
  position: Nullable(Type.Integer()),
  answers: Type.Record(Type.String(), Type.String()),
  attended: Nullable(Type.Boolean()),
});

export const eventContracts = {
  createEvent: contract({
    name: 'createEvent',
    summary: 'Creates an event in a process’s event phase (process managers)',
    input: Type.Object({ slug: Type.String({ maxLength: 200 }), phaseId: Type.Optional(Id), ...EventFields }),
    output: Created,
  }),
  createStandaloneEvent: contract({
    name: 'createStandaloneEvent',
    summary: 'Creates a municipality-wide event outside any process (process managers)',
    input: Type.Object(EventFields),
    output: Created,
  }),
  updateEvent: contract({
    name: 'updateEvent',
    summary: 'Changes an event; a capacity below the seats taken is refused, a larger one moves people up from the waiting list',
    input: Type.Object({ id: Id, ...EventFields }),
    output: Done,
  }),
  listEvents: contract({
    name: 'listEvents',
    summary: 'Events, soonest first: upcoming ones, or past ones',
    input: Type.Object({ when: Type.Optional(oneOf(['upcoming', 'past'] as const)) }),
    output: Type.Object({ events: Type.Array(EventSchema) }),
  }),
  processEvents: contract({
    name: 'processEvents',
    summary: 'The events of a process, soonest first',
    input: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
    output: Type.Object({ events: Type.Array(EventSchema) }),
  }),
  getEvent: contract({
    name: 'getEvent',
    summary: 'One event, with one’s own registration',
    input: Type.Object({ id: Id }),
    output: EventSchema,
  }),
  register: contract({
    name: 'registerForEvent',
    summary: 'Signs up for an event: a seat while there is one, else the waiting list',
    input: Type.Object({ id: Id, answers: Type.Optional(Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 500 }))) }),
    output: RegistrationSchema,
  }),
  cancelRegistration: contract({
    name: 'cancelEventRegistration',
    summary: 'Cancels one’s registration; the seat goes to the first on the waiting list',
    input: Type.Object({ id: Id }),
    output: Done,
  }),
  registrations: contract({
    name: 'eventRegistrations',
    summary: 'Who signed up, seats first, then the waiting list in order (process managers)',
    input: Type.Object({ id: Id }),
    output: Type.Object({ attendees: Type.Array(AttendeeSchema) }),
  }),
  markAttendance: contract({
    name: 'markEventAttendance',
    summary: 'Marks who came: the listed people attended, the other seat holders did not (process managers)',
    input: Type.Object({ id: Id, attended: Type.Array(Id, { maxItems: 100_000 }) }),
    output: Type.Object({ attended: Type.Integer() }),
  }),
  publishMinutes: contract({
    name: 'publishEventMinutes',
    summary: 'Publishes the minutes of an event that has taken place (empty: withdraws them)',
    input: Type.Object({ id: Id, minutes: Type.String({ maxLength: 50_000 }) }),
    output: Done,
  }),
  addDocuments: contract({
    name: 'addEventDocuments',
    summary: 'Publishes documents (PDF, ODT or DOCX) with an event, all or none (process managers)',
    input: Type.Object({ id: Id, files: Type.Array(UploadSchema, { minItems: 1, maxItems: 3 }) }),
    output: Type.Object({ ids: Type.Array(Type.String()) }),
  }),
  addIdea: contract({
    name: 'addEventIdea',
    summary: 'Enters an input gathered at the meeting as an idea in the process’s ideas phase, linked to the event',
    input: Type.Object({ id: Id, title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 5000 }) }),
    output: Created,
  }),
  calendar: contract({
    name: 'eventCalendar',
    summary: 'The event as an iCalendar file (text/calendar)',
    input: Type.Object({ id: Id }),
    output: Type.String({ description: 'text/calendar' }),
  }),
  processCalendar: contract({
    name: 'processEventCalendar',
    summary: 'A calendar feed of a process’s events (text/calendar)',
    input: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
    output: Type.String({ description: 'text/calendar' }),
  }),
};
