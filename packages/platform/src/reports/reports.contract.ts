// The contracts of the read models: the participation report of a process. Shared by the /api/v1 route
// (apps/server/src/api/reports.ts) and the report page.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { oneOf } from '../edge/schemas.ts';
import { ageGroups } from './participation.ts';
import { accountContracts } from '../accounts/index.ts';

const keptReasons = ['othersReacted', 'repliedTo', 'countedInClosedVote', 'countedInResults', 'votedOnByOthers', 'moderationRecord', 'panelComposition', 'auditTrail'] as const;
const Deleted = Type.Object({ section: Type.String(), count: Type.Integer({ minimum: 1 }), outcome: Type.Literal('deleted') });
const Kept = Type.Object({ section: Type.String(), count: Type.Integer({ minimum: 1 }), outcome: Type.Literal('kept'), reason: oneOf(keptReasons) });

const Count = Type.Integer({ minimum: 0 });

const InputFilterSchema = {
  id: Type.String({ maxLength: 64, description: "The process's id" }),
  phaseId: Type.Optional(Type.String({ maxLength: 64, description: 'Only this phase' })),
  status: Type.Optional(Type.String({ maxLength: 40, description: 'Only this status key' })),
  area: Type.Optional(Type.String({ maxLength: 200, description: 'Only ideas in this area' })),
  reported: Type.Optional(Type.Boolean({ description: 'Only ideas with open reports' })),
};

/** Report contracts by use case. */
export const reportContracts = {
  processInputs: contract({
    name: 'processInputs',
    summary: "Every idea of a process (hidden and waiting ones too), newest first, filtered by phase, status, area and open reports, a page at a time, with its open reports and latest official answer (process managers)",
    input: Type.Object({ ...InputFilterSchema, page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
    output: Type.Object({
      inputs: Type.Array(
        Type.Object({
          id: Type.String(),
          phaseId: Type.String(),
          title: Type.String(),
          category: Type.Union([Type.String(), Type.Null()]),
          status: Type.String(),
          screening: Type.String(),
          hidden: Type.Boolean(),
          supports: Count,
          comments: Count,
          area: Type.Union([Type.String(), Type.Null()]),
          reports: Count,
          answer: Type.Union([Type.String(), Type.Null()]),
          answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
          createdAt: Type.String({ format: 'date-time' }),
        }),
      ),
      total: Count,
      page: Type.Integer(),
      pageSize: Type.Integer(),
      areas: Type.Array(Type.String()),
    }),
  }),
  exportInputs: contract({
    name: 'exportInputs',
    summary: "The inputs manager's filtered list as CSV, one row per idea (process managers; audited)",
    input: Type.Object(InputFilterSchema),
    output: Type.String({ description: 'text/csv' }),
  }),
  answerInputs: contract({
    name: 'answerInputs',
    summary: 'The same status and official answer for several ideas of a process; everything is checked before anything is written (staff who answer)',
    input: Type.Object({
      id: Type.String({ maxLength: 64, description: "The process's id" }),
      ideaIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500, description: 'The ideas, all of this process' }),
      status: Type.String({ maxLength: 40, description: 'A status key (GET /statuses)' }),
      body: Type.Optional(Type.String({ maxLength: 5000, description: 'The answer (required for some statuses)' })),
    }),
    output: Type.Object({ answered: Count }),
  }),
  processOverview: contract({
    name: 'processOverview',
    summary:
      "What needs attention in a process (process managers): items waiting for a moderator by why they wait, published ideas and how many have no official answer, and phases that start or end within 14 days, soonest first",
    input: Type.Object({ id: Type.String({ maxLength: 64, description: "The process's id; one that names no process is a 404" }) }),
    output: Type.Object({
      waiting: Type.Object({ reported: Count, screening: Count, review: Count }),
      ideas: Count,
      unanswered: Count,
      phasesSoon: Type.Array(
        Type.Object({
          id: Type.String(),
          method: Type.String(),
          title: Type.Record(Type.String(), Type.String()),
          event: oneOf(['starts', 'ends'] as const),
          on: Type.String({ format: 'date' }),
          inDays: Count,
        }),
      ),
    }),
  }),
  exportMyData: contract({
    name: 'exportMyData',
    summary: 'Everything the platform holds about me, with timestamps, as JSON (GDPR art. 15 and 20): my account, then `sections` (ideas, comments, supports, follows, reports, survey answers, conversation votes and statements, ballots, stakeholder places and facts, panel registrations, votes and writing, notifications)',
    input: Type.Object({}),
    output: Type.Intersect([
      accountContracts.exportMyData.output,
      Type.Object({ sections: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown())), { description: 'Each module\'s part, by section name' }) }),
    ]),
  }),
  deletionPreview: contract({
    name: 'deletionPreview',
    summary: 'What deleting my account would delete, and what would stay without anything linking it to me (and why)',
    input: Type.Object({}),
    output: Type.Object({ deleted: Type.Array(Deleted), kept: Type.Array(Kept) }),
  }),
  participationReport: contract({
    name: 'participationReport',
    summary:
      "How a process went: per ISO week its ideas, comments, supports, survey responses and different participants; then the participants by the area and age group they chose to tell (null: not told) (process managers and decision-makers)",
    input: Type.Object({ id: Type.String({ maxLength: 64, description: "The process's id; one that names no process is a 404" }) }),
    output: Type.Object({
      weeks: Type.Array(Type.Object({ week: Type.String({ description: 'ISO week, such as 2026-W07' }), ideas: Count, comments: Count, supports: Count, responses: Count, participants: Count })),
      participants: Count,
      byArea: Type.Array(Type.Object({ area: Type.Union([Type.String(), Type.Null()]), count: Count })),
      byAgeGroup: Type.Array(Type.Object({ group: Type.Union([oneOf(ageGroups), Type.Null()]), count: Count })),
    }),
  }),
};
