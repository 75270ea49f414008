// The events module's public entry point: the apps import from here, never the module's inner files.
export { eventContracts, EventSchema, AttendeeSchema } from './events.contract.ts';
export { eventsService, type EventsDeps, type EventsService } from './events.service.ts';
export { eventsPolicy } from './events.policy.ts';
export { presentEvent, type PresentedEvent } from './events.presenter.ts';
export { defineEventJobs, reminderJob } from './jobs.ts';
export { placeKinds, questionKinds, type PlaceKind, type QuestionKind } from './events.tables.ts';
export { calendarOf, escapeText, foldLine, type CalendarEntry } from './icalendar.ts';
export { localDateTime } from './times.ts';
