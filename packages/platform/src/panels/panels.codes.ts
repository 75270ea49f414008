/** A typed code as stored: upper case, with the dash where it belongs (spaces and dashes typed are ignored). */
export function normaliseCode(input: string): string {
  const cleaned = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return cleaned.length === 8 ? `${cleaned.slice(0, 4)}-${cleaned.slice(4)}` : cleaned;
}
