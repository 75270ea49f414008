import type { RequestHandler } from './$types';

// The script-tag way to embed a conversation: another site writes
//   <div data-tingsted-conversation="{id}" data-title="…"></div>
//   <script src="https://{this site}/embed/conversations.js" async></script>
// and each such element gets the compact voting page in an iframe (the frame's title from data-title).
const loader = `(function () {
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : '';
  var slots = document.querySelectorAll('[data-tingsted-conversation]');
  for (var i = 0; i < slots.length; i++) {
    var slot = slots[i];
    if (slot.querySelector('iframe')) continue;
    var frame = document.createElement('iframe');
    frame.src = base + '/embed/conversations/' + encodeURIComponent(slot.getAttribute('data-tingsted-conversation') || '');
    frame.title = slot.getAttribute('data-title') || 'Tingsted';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.height = slot.getAttribute('data-height') || '560';
    slot.appendChild(frame);
  }
})();
`;

export const GET: RequestHandler = () =>
  new Response(loader, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
