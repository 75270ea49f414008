import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/session';
import { presentMyBallot } from '$lib/server/budgeting-mine';

/** The signed-in person's own budgeting ballots: what they voted, the code, and what their ballot helped fund. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const mine = await locals.platform.budgeting.myBallots(user, {});
  if (!mine.ok) error(mine.code === 'NotSignedIn' ? 401 : 500, { message: mine.code });
  return { ballots: mine.value.ballots.map((ballot) => presentMyBallot(locals, ballot)) };
};
