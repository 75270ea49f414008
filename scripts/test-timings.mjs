// A second reporter for `npm test`: after the run, prints each test file's wall time (start to its last report),
// longest first, so a slow CI run shows which files to split or speed up.
export default async function* timings(source) {
  const files = new Map();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const now = performance.now();
    // A file's own events arrive when it ends; the runner dequeues the file itself (named by its path) when it starts.
    const seen = files.get(file) ?? { first: now, last: now };
    if (event.type === 'test:dequeue' && event.data.name === file) seen.first = now;
    seen.last = now;
    files.set(file, seen);
  }
  const root = process.cwd() + '/';
  const rows = [...files].map(([file, t]) => [file.startsWith(root) ? file.slice(root.length) : file, (t.last - t.first) / 1000]);
  rows.sort((a, b) => b[1] - a[1]);
  yield '\ntest files by wall time (s):\n';
  for (const [file, s] of rows.slice(0, 25)) yield `${s.toFixed(1).padStart(7)}  ${file}\n`;
}
