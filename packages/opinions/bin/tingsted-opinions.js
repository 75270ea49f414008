#!/usr/bin/env node
import { start } from '../../../scripts/cli-start.mjs';
await start(new URL('../src/cli.ts', import.meta.url), 'tingsted-opinions');
