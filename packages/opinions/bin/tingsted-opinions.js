#!/usr/bin/env node
import { start } from './start.js';
await start(new URL('../src/cli.ts', import.meta.url), 'tingsted-opinions');
