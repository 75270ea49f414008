import type { InputFilter } from '@tingsted/platform/reports';

/** The inputs manager's filters as the address carries them (`?phase=…&status=…&area=…&reported=on`). */
export function inputFilterOf(url: URL): InputFilter & { page: number } {
  const value = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const page = Number(url.searchParams.get('page') ?? '1');
  return { phaseId: value('phase'), status: value('status'), area: value('area'), reported: url.searchParams.get('reported') === 'on', page: Number.isInteger(page) && page > 0 ? page : 1 };
}
