import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from './markdown.ts';

test('headings, paragraphs, lists, emphasis and links', () => {
  const html = renderMarkdown('# Bakgrunn\nKommunen har **to** alternativer.\nLes *mer*.\n\n- Park\n- Plass\n\n1. Først\n2. Så\n\nSe [planen](https://example.no/plan.pdf).');
  assert.equal(
    html,
    [
      '<h2>Bakgrunn</h2>',
      '<p>Kommunen har <strong>to</strong> alternativer. Les <em>mer</em>.</p>',
      '<ul><li>Park</li><li>Plass</li></ul>',
      '<ol><li>Først</li><li>Så</li></ol>',
      '<p>Se <a href="https://example.no/plan.pdf">planen</a>.</p>',
    ].join('\n'),
  );
});

test('markup and unsafe links are escaped, never passed through', () => {
  const html = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>');
  assert.ok(!html.includes('<script'));
  assert.ok(!html.includes('<img'));
  assert.ok(!html.includes('href="javascript'));
  assert.match(html, /&lt;script&gt;/);
});
