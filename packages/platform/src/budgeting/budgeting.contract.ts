// The contracts of the budgeting module's use cases (issue 16): ballot design and budgets, projects and their
// review, casting a ballot, paper and imported ballots, results and delivery. Shared by the /api/v1 routes and
// the budgeting pages' form actions. Money is in whole currency units.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, Localized, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { ImageSizeFields, UploadSchema } from '../files/files.contract.ts';
import { ballotKinds, ballotSources, budgetingRules, reviewStates, voterGroups } from './budgeting.tables.ts';

const Money = Type.Integer({ minimum: 1, maximum: 2_000_000_000, description: 'Whole currency units' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Text = (maxLength: number) => Type.String({ maxLength });

/** The ballot design of a phase. */
export const DesignSchema = Type.Object({
  ballotKind: oneOf(ballotKinds, { description: 'basket: approval within the budget; approval: no limit; points: spread pointsTotal points; ranking: rank up to rankLimit projects' }),
  minProjects: Nullable(Type.Integer({ minimum: 0 })),
  maxProjects: Nullable(Type.Integer({ minimum: 1 })),
  pointsTotal: Nullable(Type.Integer({ minimum: 1, maximum: 1000 })),
  rankLimit: Nullable(Type.Integer({ minimum: 1, maximum: 50 })),
  rule: oneOf(budgetingRules, { description: 'The counting rule the charter announces: greedy, Method of Equal Shares, MES with Add1 completion (stopping at the first overspend, or at the first exhaustive outcome)' }),
  greedyThreshold: Nullable(Type.Integer({ minimum: 0, description: 'greedy: the fewest votes (points) a project needs' })),
  tieBreak: Type.Array(oneOf(['lowest-cost', 'highest-cost', 'most-votes', 'fewest-votes', 'most-score', 'input-order', 'lot'] as const), { maxItems: 7 }),
  seed: Text(100),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  voters: oneOf(voterGroups, { description: 'residents: people with a registered area; everyone: every signed-in person' }),
  minAge: Nullable(Type.Integer({ minimum: 0, maximum: 120 })),
});

export const BudgetSchema = Type.Object({
  id: Type.String(),
  name: Localized,
  area: Nullable(Type.String()),
  amount: Money,
  projects: Count,
  ballots: Count,
});

export const ReviewSchema = Type.Object({
  state: oneOf(reviewStates),
  reason: Localized,
  costCheckedBy: Nullable(Type.String()),
  costCheckedOn: Nullable(Type.String({ format: 'date' })),
  reviewedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const ProjectCanSchema = Type.Object({ edit: Type.Boolean(), review: Type.Boolean(), update: Type.Boolean() });

export const ProjectSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  reference: Nullable(Type.String()),
  budgetId: Type.String(),
  title: Localized,
  description: Localized,
  cost: Money,
  costMin: Nullable(Money),
  costMax: Nullable(Money),
  area: Nullable(Type.String()),
  category: Nullable(Type.String()),
  ideaIds: Type.Array(Type.String()),
  images: Type.Array(
    Type.Object({
      url: Type.String(),
      alt: Type.String(),
      fileId: Type.String(),
      own: Type.Boolean({ description: "The project's own image (staff may remove it); false for an image of an idea it came from" }),
      ...ImageSizeFields,
    }),
    { description: "The project's own images first, then those of the ideas it came from" },
  ),
  review: ReviewSchema,
  status: Nullable(Type.String()),
  progressPercent: Nullable(Type.Integer()),
  can: ProjectCanSchema,
});

const UpdateSchema = Type.Object({
  id: Type.String(),
  status: Nullable(Type.String()),
  body: Nullable(Type.String()),
  title: Nullable(Type.String()),
  happenedOn: Nullable(Type.String({ format: 'date' })),
  progressPercent: Nullable(Type.Integer()),
  authorName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** A ballot as the voter gives it: one of the three shapes, by ballot kind. */
export const BallotInput = {
  budgetId: Type.Optional(Id),
  projects: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'basket and approval: the chosen project ids' })),
  points: Type.Optional(Type.Record(Type.String({ format: 'uuid' }), Type.Integer({ minimum: 0 }), { description: 'points: project id → points' })),
  ranking: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'ranking: project ids, best first' })),
};

export const ReceiptSchema = Type.Object({
  budgetId: Type.String(),
  code: Type.String({ description: 'Verification code: the anonymised ballot export lists it beside the ballot' }),
  projects: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), title: Localized, cost: Money, points: Nullable(Type.Integer()) })),
  total: Count,
  castAt: Type.String({ format: 'date-time' }),
  changeableUntil: Type.String({ format: 'date', description: "The phase's last day" }),
});

export const SelectedSchema = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  reference: Nullable(Type.String()),
  title: Localized,
  cost: Money,
  votes: Count,
});

export const ResultSchema = Type.Object({
  budgetId: Type.String(),
  rule: oneOf(budgetingRules),
  budget: Money,
  selected: Type.Array(SelectedSchema, { description: 'In the order the rule chose them' }),
  cost: Count,
  ballots: Count,
  projects: Type.Array(
    Type.Object({
      id: Type.String(),
      votes: Count,
      score: Type.Number(),
      selected: Type.Boolean(),
      rank: Nullable(Type.Integer()),
      reason: Type.String({ description: 'funded, funded-in-completion, over-budget, supporters-cannot-afford, …' }),
      detail: Type.String(),
      effectiveVotes: Nullable(Type.Number()),
    }),
    { description: 'Why each project won or lost' },
  ),
  ties: Type.Array(Type.Object({ tied: Type.Array(Type.String()), winner: Type.String(), decidedBy: Type.String() })),
  tieBreak: Type.Array(Type.String()),
  seed: Type.String(),
  ballotsHash: Type.String({ description: 'SHA-256 of the counted ballots' }),
  computedAt: Type.String({ format: 'date-time' }),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
});

const ProjectInput = {
  budgetId: Id,
  title: Text(200),
  description: Type.Optional(Text(20_000)),
  locale: Type.Optional(LocaleSchema),
  cost: Money,
  costMin: Type.Optional(Nullable(Money)),
  costMax: Type.Optional(Nullable(Money)),
  area: Type.Optional(Nullable(Text(100))),
  category: Type.Optional(Nullable(Text(100))),
  ideaIds: Type.Optional(Type.Array(Id, { maxItems: 50, description: 'The ideas the project came from' })),
};

/** One of my ballots as my own page lists it: where I voted, my receipt, and once published, how each project fared. */
export const MyBallotSchema = Type.Object({
  phaseId: Type.String(),
  processSlug: Type.String(),
  processTitle: Localized,
  phaseTitle: Localized,
  state: oneOf(['upcoming', 'open', 'closed'] as const),
  budgetId: Type.String(),
  budgetName: Localized,
  ballotKind: oneOf(ballotKinds),
  rule: oneOf(budgetingRules),
  currency: Type.String(),
  receipt: ReceiptSchema,
  publishedAt: Nullable(Type.String({ format: 'date-time', description: "When the budget's results were published; null before" })),
  outcomes: Nullable(
    Type.Array(
      Type.Object({
        id: Type.String(),
        funded: Type.Boolean(),
        rank: Nullable(Type.Integer()),
        paid: Nullable(Type.Number({ description: "What my ballot's share paid toward it (Method of Equal Shares rules)" })),
        reason: Type.String({ description: 'Why it won or lost: funded, funded-in-completion, over-budget, supporters-cannot-afford, …' }),
      }),
      { description: 'Each project on my ballot, in ballot order, once the results are published' },
    ),
  ),
});

/** Budgeting contracts by use case. */
export const budgetingContracts = {
  budgetingOf: contract({
    name: 'budgetingOf',
    summary: "A budgeting phase: its ballot design, budgets and the projects on the ballot (staff see every project and its review; `can` says what the actor may do)",
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({
      phaseId: Type.String(),
      state: oneOf(['upcoming', 'open', 'closed'] as const),
      design: DesignSchema,
      budgets: Type.Array(BudgetSchema),
      projects: Type.Array(ProjectSchema),
      can: Type.Object({ manage: Type.Boolean(), vote: Type.Boolean(), enterPaper: Type.Boolean(), publish: Type.Boolean() }),
    }),
  }),
  designBallot: contract({
    name: 'designBallot',
    summary: "Set a phase's ballot design and counting rule (process managers; 409 once ballots exist)",
    input: Type.Object({ phaseId: Id, ...Type.Partial(DesignSchema).properties }),
    output: Done,
  }),
  addBudget: contract({
    name: 'addBudget',
    summary: 'Add a budget to a phase: a district (area) or the citywide one (no area)',
    input: Type.Object({ phaseId: Id, name: Text(200), locale: Type.Optional(LocaleSchema), area: Type.Optional(Nullable(Text(100))), amount: Money }),
    output: Created,
  }),
  updateBudget: contract({
    name: 'updateBudget',
    summary: "Rename a budget or change its amount (409 once ballots exist for it)",
    input: Type.Object({ budgetId: Id, name: Type.Optional(Text(200)), locale: Type.Optional(LocaleSchema), amount: Type.Optional(Money) }),
    output: Done,
  }),
  removeBudget: contract({
    name: 'removeBudget',
    summary: 'Remove a budget without projects or ballots',
    input: Type.Object({ budgetId: Id }),
    output: Done,
  }),
  createProject: contract({
    name: 'createProject',
    summary: 'Create a project in a budget, directly or from ideas (title and description default to the first idea\'s); it waits for its review',
    input: Type.Object({ phaseId: Id, ...ProjectInput, title: Type.Optional(Text(200)) }),
    output: Type.Object({ id: Type.String(), number: Type.Integer() }),
  }),
  updateProject: contract({
    name: 'updateProject',
    summary: 'Edit a project (a changed cost sends it back to review; 409 once ballots exist)',
    input: Type.Object({ projectId: Id, ...Type.Partial(Type.Object(ProjectInput)).properties }),
    output: Done,
  }),
  removeProject: contract({
    name: 'removeProject',
    summary: 'Remove a project that is on no ballot',
    input: Type.Object({ projectId: Id }),
    output: Done,
  }),
  addProjectImage: contract({
    name: 'addProjectImage',
    summary: 'Add an image (PNG, JPEG or WebP, at most 5 MB, with its alt text) to a project; shown before its ideas\' images',
    input: Type.Object({
      projectId: Id,
      file: UploadSchema,
      altText: Type.String({ maxLength: 300, description: 'What the image shows, for those who cannot see it' }),
      locale: Type.Optional(LocaleSchema),
    }),
    output: Created,
  }),
  removeProjectImage: contract({
    name: 'removeProjectImage',
    summary: "Remove one of a project's own images",
    input: Type.Object({ projectId: Id, fileId: Id }),
    output: Done,
  }),
  reviewProject: contract({
    name: 'reviewProject',
    summary: 'Record the feasibility review: eligible, or not eligible with a public reason; who checked the cost and when',
    input: Type.Object({
      projectId: Id,
      state: oneOf(['eligible', 'ineligible'] as const),
      reason: Type.Optional(Text(5000)),
      locale: Type.Optional(LocaleSchema),
      costCheckedBy: Type.Optional(Text(200)),
      costCheckedOn: Type.Optional(Type.String({ format: 'date' })),
    }),
    output: Done,
  }),
  getProject: contract({
    name: 'getProject',
    summary: 'A project with its review, the ideas it came from and its delivery updates',
    input: Type.Object({ projectId: Id }),
    output: Type.Object({
      project: ProjectSchema,
      phaseId: Type.String(),
      processSlug: Type.String(),
      ideas: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
      updates: Type.Array(UpdateSchema),
      result: Nullable(Type.Object({ selected: Type.Boolean(), rank: Nullable(Type.Integer()), votes: Count, reason: Type.String({ description: 'Why it won or lost: funded, over-budget, supporters-cannot-afford, …' }), detail: Type.String({ description: 'The same in one English sentence' }) })),
    }),
  }),
  castBallot: contract({
    name: 'castBallot',
    summary: 'Cast or change my ballot in a budget while the phase is open (422 names the field and the reason; nothing is stored)',
    input: Type.Object({ phaseId: Id, ...BallotInput }),
    output: ReceiptSchema,
  }),
  myBallot: contract({
    name: 'myBallot',
    summary: 'My ballot and receipt in each budget of a phase I may vote in, and once results are out, the projects my ballot helped fund',
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({
      budgets: Type.Array(
        Type.Object({
          budgetId: Type.String(),
          eligible: Type.Boolean(),
          why: Nullable(Type.String({ description: 'Why not eligible: a message key' })),
          receipt: Nullable(ReceiptSchema),
          funded: Nullable(Type.Array(Type.Object({ id: Type.String(), title: Localized, paid: Nullable(Type.Number()) }))),
        }),
      ),
    }),
  }),
  enterPaperBatch: contract({
    name: 'enterPaperBatch',
    summary: 'Enter a batch of paper ballots, one ballot per line of project numbers; counted once a second staff member confirms it',
    input: Type.Object({
      phaseId: Id,
      budgetId: Id,
      label: Type.String({ minLength: 1, maxLength: 100, description: "The batch's label; a label (or the same ballots) entered twice is refused" }),
      ballots: Type.String({ maxLength: 1_000_000, description: 'One ballot per line: project numbers separated by spaces or commas (points: number:points)' }),
    }),
    output: Type.Object({ id: Type.String(), ballots: Count }),
  }),
  importBallots: contract({
    name: 'importBallots',
    summary: 'Import a batch of ballots from a spreadsheet (CSV: voter_id;vote with project numbers or references); every error is listed by line and nothing is imported',
    input: Type.Object({ phaseId: Id, budgetId: Id, label: Type.String({ minLength: 1, maxLength: 100 }), csv: Type.String({ maxLength: 50_000_000 }) }),
    output: Type.Object({ id: Type.String(), ballots: Count }),
  }),
  confirmBatch: contract({
    name: 'confirmBatch',
    summary: 'Confirm a batch another staff member entered; its ballots count from then on',
    input: Type.Object({ batchId: Id }),
    output: Done,
  }),
  listBatches: contract({
    name: 'listBatches',
    summary: "A phase's paper and imported batches, confirmed or waiting",
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({
      batches: Type.Array(
        Type.Object({
          id: Type.String(),
          budgetId: Type.String(),
          source: oneOf(ballotSources),
          label: Type.String(),
          ballots: Count,
          enteredBy: Nullable(Type.String()),
          enteredAt: Type.String({ format: 'date-time' }),
          confirmedBy: Nullable(Type.String()),
          confirmedAt: Nullable(Type.String({ format: 'date-time' })),
          canConfirm: Type.Boolean(),
        }),
      ),
    }),
  }),
  importPabulib: contract({
    name: 'importPabulib',
    summary: "Replace a phase's projects and imported ballots with a Pabulib file's (projects keep the file's project_id as reference); refused once online ballots exist",
    input: Type.Object({ phaseId: Id, file: Type.String({ maxLength: 100_000_000, description: 'The .pb file as text' }) }),
    output: Type.Object({ budgetId: Type.String(), projects: Count, ballots: Count }),
  }),
  budgetingResults: contract({
    name: 'budgetingResults',
    summary: "A budget's results by a rule (default the phase's): computed live for staff before publication, public after",
    input: Type.Object({ phaseId: Id, budgetId: Type.Optional(Id), rule: Type.Optional(oneOf(budgetingRules)) }),
    output: ResultSchema,
  }),
  publishResults: contract({
    name: 'publishResults',
    summary: 'After the phase closed: compute every budget by the announced rule, store and publish it, and tell the voters',
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({ results: Type.Array(Type.Object({ budgetId: Type.String(), resultId: Type.String(), selected: Count })) }),
  }),
  exportBudgeting: contract({
    name: 'exportBudgeting',
    summary: "A budget's projects and anonymised ballots (with receipt codes) as a Pabulib .pb file or CSV; with the selected projects once published",
    input: Type.Object({ phaseId: Id, budgetId: Type.Optional(Id), format: oneOf(['pb', 'csv'] as const) }),
    output: Type.String(),
  }),
  myBallots: contract({
    name: 'myBallots',
    summary: 'Every ballot I cast online, newest first: what I voted, the verification code, and once results are published, which of my projects were funded and what my share paid',
    input: Type.Object({}),
    output: Type.Object({ ballots: Type.Array(MyBallotSchema) }),
  }),
  arrangeProjectImages: contract({
    name: 'arrangeProjectImages',
    summary: "Put a project's own images in the order given (every own image once, first shown first)",
    input: Type.Object({ projectId: Id, order: Type.Array(Id, { maxItems: 50, description: "The project's own image ids, first shown first" }) }),
    output: Done,
  }),
  describeProjectImage: contract({
    name: 'describeProjectImage',
    summary: "Write the alt text of one of a project's own images in one language",
    input: Type.Object({
      projectId: Id,
      fileId: Id,
      altText: Type.String({ maxLength: 300, description: 'What the image shows, for those who cannot see it' }),
      locale: Type.Optional(LocaleSchema),
    }),
    output: Done,
  }),
  moveVotingDates: contract({
    name: 'moveVotingDates',
    summary: "Move a budgeting phase's opening and closing dates before it closes (the closing day not before today nor before the opening day; no overlap with the process's other phases)",
    input: Type.Object({ phaseId: Id, startsOn: Type.String({ format: 'date' }), endsOn: Type.String({ format: 'date' }) }),
    output: Done,
  }),
  addProjectUpdate: contract({
    name: 'addProjectUpdate',
    summary: "Move a winning project along: a status with an answer, or a milestone with progress; its voters are told",
    input: Type.Object({
      projectId: Id,
      status: Type.Optional(Text(50)),
      body: Type.Optional(Text(20_000)),
      title: Type.Optional(Text(300)),
      happenedOn: Type.Optional(Type.String({ format: 'date' })),
      progressPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    }),
    output: Created,
  }),
};
