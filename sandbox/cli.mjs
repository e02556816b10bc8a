#!/usr/bin/env node
// The package's `bin`: registers tsx so the TypeScript sandbox runs as is, then starts the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
