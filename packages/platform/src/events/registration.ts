import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { eventContracts } from './events.contract.ts';
import type { EventsContext } from './events.context.ts';
import { eventsPolicy } from './events.policy.ts';
import { signUpClosesAt } from './events.presenter.ts';

type C = typeof eventContracts;

/** Signing up, cancelling, and the list staff see. */
export function registrationUseCases(ctx: EventsContext, notifyPromoted: (eventId: string, title: string, userIds: readonly string[]) => Promise<void>) {
  const { deps, repo, visibleEvent, managedEvent } = ctx;
  return {
    /**
     * Signs the actor up: a seat while there is one, else the end of the waiting list. Refused after the
     * deadline (RegistrationClosed), when already signed up (AlreadyRegistered), or without answers the
     * event requires.
     */
    async register(actor: Actor | null, input: InputOf<C['register']>): Promise<Result<OutputOf<C['register']>>> {
      if (!actor) return fail('NotSignedIn');
      const found = await visibleEvent(actor, input.id);
      if (!found.ok) return found;
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const { event } = found.value;
      const now = deps.clock();
      if (now >= signUpClosesAt(event)) return fail('RegistrationClosed');
      const answers: Record<string, string> = {};
      const errors: FieldError[] = [];
      for (const question of event.questions) {
        const answer = input.answers?.[question.id]?.trim() ?? '';
        if (answer === '') {
          if (question.required) errors.push({ field: `answers.${question.id}`, message: 'field.required' });
          continue;
        }
        if (question.kind === 'choice' && !question.choices.includes(answer)) errors.push({ field: `answers.${question.id}`, message: 'field.unknownChoice' });
        else answers[question.id] = answer;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const outcome = await repo.register(event.id, actor.id, answers, now);
      if ('refused' in outcome) return fail(outcome.refused === 'already' ? 'AlreadyRegistered' : 'NotFound');
      return ok({ status: outcome.status });
    },

    /** Cancels the actor's registration before the event starts; a seat given up goes to the first in line, who is told. */
    async cancelRegistration(actor: Actor | null, input: InputOf<C['cancelRegistration']>): Promise<Result<OutputOf<C['cancelRegistration']>>> {
      if (!actor) return fail('NotSignedIn');
      const found = await visibleEvent(actor, input.id);
      if (!found.ok) return found;
      const { event } = found.value;
      if (deps.clock() >= event.starts_at) return fail('RegistrationClosed');
      const outcome = await repo.cancel(event.id, actor.id, deps.clock());
      if (!outcome) return fail('NotFound');
      await notifyPromoted(event.id, event.title, outcome.promoted);
      return ok({ ok: true as const });
    },

    /** Who signed up: seats first, then the waiting list in order, with their answers and attendance (staff). */
    async registrations(actor: Actor | null, input: InputOf<C['registrations']>): Promise<Result<OutputOf<C['registrations']>>> {
      const found = await managedEvent(actor, input.id);
      if (!found.ok) return found;
      if (!eventsPolicy.manage(actor)) return fail('Forbidden');
      const rows = await repo.registrationsOf(input.id);
      const names = new Map((await deps.accounts.contactsOf(rows.map((r) => r.user_id))).map((c) => [c.id, c.displayName]));
      let position = 0;
      return ok({
        attendees: rows.map((r) => ({
          userId: r.user_id,
          name: names.get(r.user_id) ?? '',
          status: r.status === 'waitlisted' ? ('waitlisted' as const) : ('confirmed' as const),
          position: r.status === 'waitlisted' ? ++position : null,
          answers: r.answers,
          attended: r.attended,
        })),
      });
    },
  };
}
