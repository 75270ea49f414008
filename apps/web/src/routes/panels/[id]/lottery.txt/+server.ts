import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// The published list of panels for the transparent draw (respondent numbers, no names), byte for byte as hashed.
export const GET: RequestHandler = async ({ locals, params }) => {
  const result = await locals.platform.panels.lotteryList(params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  return new Response(result.value.text, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'attachment; filename="lottery.txt"', 'x-sha256': result.value.hash },
  });
};
