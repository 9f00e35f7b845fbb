/**
 * The case file's manifest: one line per file, in `sha256sum` format
 * (`<64 hex digits><two spaces><path>`), so that `sha256sum -c manifest.sha256`
 * run by hand in the unpacked folder checks exactly what `distillwatch verify`
 * checks.
 */
import { createHash } from 'node:crypto';

export const MANIFEST_NAME = 'manifest.sha256';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Paths in the order given (the case file lists them in archive order). */
export function buildManifest(files: ReadonlyMap<string, Uint8Array>): string {
  let out = '';
  for (const [name, data] of files) {
    if (name === MANIFEST_NAME) continue;
    if (/[\\\n\r]/.test(name)) throw new Error(`file name not allowed in a manifest: ${JSON.stringify(name)}`);
    out += `${sha256Hex(data)}  ${name}\n`;
  }
  return out;
}

export interface ManifestLine {
  path: string;
  sha256: string;
}

/** Parses a manifest; lines that are not in sha256sum format are returned as problems. */
export function parseManifest(text: string): { lines: ManifestLine[]; problems: string[] } {
  const lines: ManifestLine[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) problems.push(`line ${i + 1} is not "<sha256>  <path>"`);
    else lines.push({ sha256: m[1], path: m[2] });
  });
  return { lines, problems };
}
