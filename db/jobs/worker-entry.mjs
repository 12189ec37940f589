// A job's worker under plain Node (the CLI, the browser shell, the tests): TypeScript through tsx,
// as bin/dossier.mjs does. The desktop app runs the bundled worker instead (dist/electron/job-worker.cjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
