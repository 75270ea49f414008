// The budgeting module's public entry point: the apps import from here, never the module's inner files.
export { budgetingContracts, BallotInput, MyBallotSchema, BudgetSchema, DesignSchema, ProjectCanSchema, ProjectSchema, ReceiptSchema, ResultSchema, ReviewSchema, SelectedSchema } from './budgeting.contract.ts';
export { budgetingService, type BudgetingDeps, type BudgetingService } from './budgeting.service.ts';
export { budgetingPolicy } from './budgeting.policy.ts';
export { budgetingCan, presentBudget, presentDesign, presentProject, presentReceipt, presentUpdate, type PresentedBudget, type PresentedReceipt, type PresentedDesign, type PresentedProject, type PresentedUpdate } from './budgeting.presenter.ts';
export { ballotKinds, ballotSources, budgetingRules, reviewStates, voterGroups, type BallotKind, type BallotSource, type BudgetingRule, type ReviewState, type VoterGroup } from './budgeting.tables.ts';
export { moneyText, withMoneyShown } from './money.ts';
