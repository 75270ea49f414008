import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { presentPool } from '@tingsted/platform/panels';

// The pool with contact details: only the panel's administrators, and the service records every look.
export const load: PageServerLoad = async ({ locals, params }) => {
  const found = await locals.platform.panels.panelOfProcess(params.id);
  if (!found) error(404, { message: 'NotFound' });
  const result = await locals.platform.panels.listPool(locals.ctx.user, found.id);
  if (!result.ok) error(result.code === 'Forbidden' ? 403 : 404, { message: result.code });
  const pool = presentPool(result.value);
  return {
    processId: params.id,
    title: found.title,
    categories: pool.categories,
    deleteOn: pool.deleteOn,
    deleted: pool.deleted,
    rows: pool.rows.map((r) => ({ number: r.number, answers: pool.categories.map((c) => r.answers[c] ?? ''), status: r.status, name: r.name, email: r.email, phone: r.phone, channel: r.channel, enteredBy: r.enteredBy })),
  };
};
