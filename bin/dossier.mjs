#!/usr/bin/env node
// The `dossier` command. TypeScript sources run through tsx, so the CLI is always the code in the tree.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
