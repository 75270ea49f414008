// Loaded into every test file's process by `npm test` (scripts/test.ts): when the file's process ends, appends
// its wall time to TEST_TIMINGS_FILE, so the run can list its slowest files.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';

const file = process.env.NODE_TEST_CONTEXT ? process.argv[1] : undefined;
const out = process.env.TEST_TIMINGS_FILE;
if (file && out) {
  process.on('exit', () => {
    appendFileSync(out, `${(performance.now() / 1000).toFixed(1)}\t${relative(process.cwd(), file)}\n`);
  });
}
