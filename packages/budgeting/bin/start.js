// Starts a CLI written in TypeScript. Loading the sources through tsx costs about 0.5 s of CPU at every start
// (more than a whole greedy tally of a large file), so the CLI runs from one JavaScript bundle built with
// esbuild (which tsx already brings) into node_modules/.cache/tingsted-cli/ beside the package. The bundle is
// rebuilt when any source file it was built from has changed, or when it was built from another checkout's
// sources (a copied node_modules brings its cache along); when it cannot be built or written, tsx runs the
// sources as before.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Runs `entry` (a .ts file URL) from a fresh bundle named `name`, or through tsx. */
export async function start(entry, name) {
  const dir = fileURLToPath(new URL('../node_modules/.cache/tingsted-cli/', entry));
  const bundle = `${dir}${name}.mjs`;
  const manifest = `${dir}${name}.json`;
  if (!fresh(manifest, fileURLToPath(entry))) {
    try {
      await build(fileURLToPath(entry), dir, bundle, manifest);
    } catch {
      const { register } = await import('tsx/esm/api');
      register();
      await import(entry.href);
      return;
    }
  }
  // V8 keeps the bundle's compiled code beside it, so later starts skip compiling it (Node ≥ 22.1).
  nodeModule.enableCompileCache?.(dir);
  await import(pathToFileURL(bundle).href);
}

function fresh(manifest, entry) {
  let inputs;
  try {
    const built = JSON.parse(readFileSync(manifest, 'utf8'));
    if (built.entry !== entry) return false;
    inputs = built.inputs;
  } catch {
    return false;
  }
  try {
    for (const [file, mtime] of Object.entries(inputs)) if (statSync(file).mtimeMs !== mtime) return false;
  } catch {
    return false;
  }
  return true;
}

async function build(entry, dir, bundle, manifest) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild({
    entryPoints: [entry], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node22',
    metafile: true, logLevel: 'silent',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const inputs = {};
  const root = process.cwd();
  for (const file of Object.keys(result.metafile.inputs)) {
    const path = fileURLToPath(pathToFileURL(file.startsWith('/') ? file : `${root}/${file}`));
    inputs[path] = statSync(path).mtimeMs;
  }
  writeFileSync(`${manifest}.${process.pid}.tmp`, JSON.stringify({ entry, inputs }));
  renameSync(tmp, bundle);
  renameSync(`${manifest}.${process.pid}.tmp`, manifest);
}
