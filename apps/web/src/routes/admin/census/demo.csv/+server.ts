import type { RequestHandler } from './$types';
import { demoCensusCsv } from '@tingsted/platform/seed';
import { requireUser } from '$lib/server/session';

/** The demo census file, as an example of the format (administrators, under /admin). */
export const GET: RequestHandler = ({ locals, url }) => {
  requireUser(locals, url);
  return new Response(demoCensusCsv(), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="census-demo.csv"' } });
};
