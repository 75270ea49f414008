// The ideas module's public entry point: the apps import from here, never the module's inner files.
export { ideaContracts } from './ideas.contract.ts';
export { ideasPolicy } from './ideas.policy.ts';
export { presentIdea } from './ideas.presenter.ts';
export { ideasService, type IdeasService, type ModeratedIdeaItem, type IdeaEditView } from './ideas.service.ts';
export { ideaMapContracts, IdeaLocationSchema } from './ideas.map.contract.ts';
export { ideaDuplicateContracts } from './ideas.duplicates.contract.ts';
export type { DuplicateIdea, DuplicateSuggestions } from './ideas.service.ts';
export { noLocation, type LocationSettings, type MappedIdea, type PlaceMatch } from './ideas.service.ts';
