#!/usr/bin/env node
// The built CLI (npm run build, run by `npm install` through the prepare script).
import module from 'node:module';

// Node 22.1+ keeps the compiled code of the modules a run loads (the TypeScript compiler, redocly) on disk
// for the next run; Node 20 has no compile cache.
module.enableCompileCache?.();
const { main } = await import('../dist/generator/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
