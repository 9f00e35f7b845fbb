// Worker threads do not inherit the TypeScript loader: register it here.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
