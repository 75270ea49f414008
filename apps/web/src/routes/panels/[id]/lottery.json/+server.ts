import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { presentLotteryRecord } from '@tingsted/platform/panels';

// The public record of the announced draw as a file to download and check with `tingsted-sortition verify`
// (the same JSON as GET /api/v1/panels/{id}/lottery).
export const GET: RequestHandler = async ({ locals, params }) => {
  const result = await locals.platform.panels.lotteryRecord(params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  return new Response(`${JSON.stringify(presentLotteryRecord(result.value), null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="lottery-record.json"' },
  });
};
