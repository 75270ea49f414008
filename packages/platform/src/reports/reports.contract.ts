// The contracts of the read models: the participation report of a process. Shared by the /api/v1 route
// (apps/server/src/api/reports.ts) and the report page.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { oneOf } from '../edge/schemas.ts';
import { ageGroups } from './participation.ts';

const Count = Type.Integer({ minimum: 0 });

/** Report contracts by use case. */
export const reportContracts = {
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
