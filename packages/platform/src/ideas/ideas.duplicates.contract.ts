// The contracts of near-duplicate ideas: the suggested pairs of a process, merging one idea into another, and
// saying a pair is not a duplicate. Shared by the /api/v1 routes (apps/server/src/api/idea-duplicates.ts) and
// the duplicates page (/manage/[id]/duplicates).
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Id } from '../edge/schemas.ts';

const DuplicateIdeaSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  supportCount: Type.Integer(),
  commentCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Near-duplicate contracts by use case. */
export const ideaDuplicateContracts = {
  duplicateSuggestions: contract({
    name: 'duplicateSuggestions',
    summary: "Suggested near-duplicates among a process's visible ideas, most alike first, without pairs said not to be duplicates (moderators, process managers)",
    input: Type.Object({ id: Id }),
    output: Type.Object({
      processId: Type.String(),
      ideas: Type.Integer({ description: 'The visible ideas compared' }),
      threshold: Type.Number({ description: 'The similarity a pair must reach to be suggested' }),
      total: Type.Integer({ description: 'All suggested pairs; the first 50 are listed' }),
      pairs: Type.Array(Type.Object({ similarity: Type.Number({ minimum: 0, maximum: 1 }), a: DuplicateIdeaSchema, b: DuplicateIdeaSchema })),
    }),
  }),
  mergeIdeas: contract({
    name: 'mergeIdeas',
    summary: 'Merge an idea into another of the same process: its supports, followers and comments move to the kept idea, it is hidden with a link there, both authors are told (moderators, process managers)',
    input: Type.Object({ keepId: Id, mergeId: Id }),
    output: Type.Object({
      keptId: Type.String(),
      mergedId: Type.String(),
      moved: Type.Object({ supports: Type.Integer(), follows: Type.Integer(), comments: Type.Integer() }, { description: 'Rows that moved to the kept idea (a person who supported or followed both is counted once, on the kept idea)' }),
    }),
  }),
  dismissDuplicate: contract({
    name: 'dismissDuplicate',
    summary: 'Say two ideas are not duplicates: the pair is never suggested again (moderators, process managers)',
    input: Type.Object({ ideaId: Id, otherId: Id }),
    output: Type.Object({ ideaId: Type.String(), otherId: Type.String() }),
  }),
};
