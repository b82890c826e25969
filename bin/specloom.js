#!/usr/bin/env node
// The built CLI (npm run build, run by `npm install` through the prepare script).
import { main } from '../dist/generator/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
