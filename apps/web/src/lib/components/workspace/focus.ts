/**
 * Puts focus in the field the address's fragment names (`#field-<name>`), with its label in view: a link
 * from another page's error summary (a process's overview after a refused publish) lands in the field as a
 * link on the same page does. Without JavaScript the browser scrolls to it.
 */
export function focusLinkedField(): void {
  const id = decodeURIComponent(window.location.hash.slice(1));
  if (!id.startsWith('field-')) return;
  const target = document.getElementById(id);
  if (!target) return;
  const input = target.matches('input, select, textarea, [tabindex]') ? target : target.querySelector<HTMLElement>('input, select, textarea');
  if (!input) return;
  input.focus({ preventScroll: true });
  const label = input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement || input instanceof HTMLSelectElement ? input.labels?.[0] : undefined;
  (label ?? input).scrollIntoView({ block: 'start' });
}
