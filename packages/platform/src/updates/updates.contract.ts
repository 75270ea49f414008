// The contracts of the updates module's use cases: staff write an update to a process's participants and
// followers, see who it would reach, send it now or at a time, cancel a scheduled one; anyone with the link in
// an update's e-mail unsubscribes from the process's updates. Shared by the /api/v1 routes and the pages.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id, Localized, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { audiences, updateStatuses } from './updates.tables.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** The longest subject and message, the same limits the service checks. */
export const subjectMax = 200;
export const bodyMax = 10_000;

const AudienceSchema = oneOf(audiences, {
  description: 'participants: who posted, commented or supported ideas, or answered a survey; followers: who follow any of its ideas; both',
});
const PhaseIdSchema = Type.Optional(Type.String({ maxLength: 40, description: 'Only the participants of this phase (on its dates, and its survey); followers are the whole process’s' }));

export const UpdateSchema = Type.Object({
  id: Type.String(),
  processId: Type.String(),
  status: oneOf(updateStatuses, { description: 'scheduled: waits for sendAt; sending; sent; cancelled' }),
  language: Type.String({ description: 'The language it was written in; readers without a translation get this one' }),
  subject: Localized,
  body: Localized,
  audience: AudienceSchema,
  phaseId: Nullable(Type.String()),
  sendAt: Type.String({ format: 'date-time' }),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  reached: Type.Integer({ description: 'The different people it reached (0 until sent)' }),
  emailed: Type.Integer({ description: 'Of them, how many got it by e-mail' }),
  listed: Type.Integer({ description: 'Of them, how many got it in their notification list (everyone reached)' }),
  can: Type.Object({ cancel: Type.Boolean({ description: 'Still scheduled, and the actor manages the process' }) }),
});

const AudienceCount = Type.Object({
  recipients: Type.Integer({ description: 'The different people it would reach now' }),
  byEmail: Type.Integer({ description: 'Of them, how many take e-mail' }),
  listOnly: Type.Integer({ description: 'Of them, how many chose no e-mail and see it only in their notification list' }),
});

/** Update contracts by use case. */
export const updateContracts = {
  listUpdates: contract({
    name: 'listUpdates',
    summary: 'A process’s updates, newest first, with their status and how many people each reached',
    input: Type.Object({ id: Id }),
    output: Type.Object({ updates: Type.Array(UpdateSchema), timeZone: Type.String({ description: 'Where scheduled times are dated' }) }),
  }),
  previewAudience: contract({
    name: 'previewAudience',
    summary: 'How many people an update to this audience would reach, and how',
    input: Type.Object({ id: Id, audience: AudienceSchema, phaseId: PhaseIdSchema }),
    output: AudienceCount,
  }),
  createUpdate: contract({
    name: 'createUpdate',
    summary: 'Write an update and send it now, or schedule it (refused when it would reach nobody)',
    input: Type.Object({
      id: Id,
      language: LocaleSchema,
      subject: Type.Record(Type.String(), Type.String({ maxLength: subjectMax }), { description: 'Subject per language code; the written language’s is required' }),
      body: Type.Record(Type.String(), Type.String({ maxLength: bodyMax }), { description: 'Message per language code; a translation needs both subject and message' }),
      audience: AudienceSchema,
      phaseId: PhaseIdSchema,
      sendAt: Type.Optional(Type.String({ maxLength: 25, description: 'When to send: a local date and time, YYYY-MM-DDTHH:MM, in the municipality’s time zone (or with an offset); absent or empty: now' })),
    }),
    output: UpdateSchema,
  }),
  cancelUpdate: contract({
    name: 'cancelUpdate',
    summary: 'Cancel a scheduled update before its time',
    input: Type.Object({ id: Id, updateId: Id }),
    output: UpdateSchema,
  }),
  unsubscribeInfo: contract({
    name: 'unsubscribeInfo',
    summary: 'What an unsubscribe link from an update’s e-mail stops (no sign-in needed)',
    input: Type.Object({ token: Type.String({ maxLength: 100 }) }),
    output: Type.Object({ processTitle: Type.String(), processSlug: Type.String(), unsubscribed: Type.Boolean({ description: 'Already unsubscribed' }) }),
  }),
  unsubscribe: contract({
    name: 'unsubscribe',
    summary: 'Stop updates about the process an e-mail’s unsubscribe link names (account and security e-mail continue)',
    input: Type.Object({ token: Type.String({ maxLength: 100 }) }),
    output: Type.Object({ processTitle: Type.String(), processSlug: Type.String(), unsubscribed: Type.Literal(true) }),
  }),
};
