// Someone on a slow phone starts typing before the page's script has run. Svelte then hydrates the page: a field
// whose value is bound with `value` (or a textarea with `{text}` inside) is set back to the server's text, and
// what was typed is lost or run together with the old text. `defaultValue` (the `Field` and `Textarea`
// components) leaves it alone. e2e/stakeholder-recommendations.test.ts types into a prefilled textarea before
// hydration; this test keeps every other form on the same footing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(import.meta.dirname, '..', '..');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []));
}

/** Opening tags of an element, attributes with `{…}` expressions included. */
function tags(source: string, element: string): string[] {
  return source.match(new RegExp(`<${element}(?:[^>{]|\\{[^}]*\\})*>`, 'g')) ?? [];
}

test('no text field is filled with `value` or textarea content, which hydration would write over what was typed', () => {
  const problems: string[] = [];
  for (const file of svelteFiles(src)) {
    const source = readFileSync(file, 'utf8');
    const name = relative(src, file);
    if (name.endsWith('components/Textarea.svelte')) continue;
    for (const tag of tags(source, 'input')) {
      if (/type="(hidden|radio|checkbox|submit|button)"|type=\{[^}]*'(radio|checkbox)'/.test(tag)) continue;
      if (/(?<![\w-])value=\{/.test(tag)) problems.push(`${name}: ${tag.slice(0, 80)}… (use defaultValue or Field)`);
    }
    for (const match of source.matchAll(/<textarea(?:[^>{]|\{[^}]*\})*>([^<]+)<\/textarea>/g)) {
      problems.push(`${name}: <textarea>${(match[1] ?? '').slice(0, 40)}</textarea> (use Textarea)`);
    }
  }
  assert.deepEqual(problems, []);
});
