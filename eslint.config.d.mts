// Types of what eslint.config.mjs exports besides its configuration (for scripts/import-boundaries.test.ts).
import type { Linter } from 'eslint';

/** Each module of the product and what it may import. */
export declare const LAYERS: Record<string, string[]>;
export declare function boundaryZones(opts?: { tests?: boolean }): { target: string; from: string | string[]; except?: string[]; message: string }[];
declare const config: Linter.Config[];
export default config;
