import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { problemOf } from '@tingsted/platform/edge';

// The short address on an invitation letter (/p/ABCD-1234): a known code leads to its panel's registration
// page with the code filled in and checked; an unknown one shows why, with a box to type it again.
export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
  const result = await locals.platform.panels.findInvitationByCode(params.code, getClientAddress());
  if (result.ok) redirect(303, `/panels/${result.value.panelId}/register?code=${encodeURIComponent(result.value.code)}`);
  const problem = problemOf(locals.ctx.locale, result);
  return { code: params.code, problem: { message: problem.message, fields: Object.fromEntries(problem.fields.map((f) => [f.field, f.message])) } };
};
