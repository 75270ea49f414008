import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Typing the letter's code by hand: /p?code=ABCD-1234 goes to /p/ABCD-1234.
export const load: PageServerLoad = ({ url }) => {
  const code = (url.searchParams.get('code') ?? '').trim();
  if (code !== '') redirect(303, `/p/${encodeURIComponent(code)}`);
  return {};
};
