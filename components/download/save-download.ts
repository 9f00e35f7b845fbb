/**
 * Hands a file the API answered with to the browser as a download: the name
 * the server gave it (Content-Disposition) or the caller's fallback, saved
 * through a temporary object URL and a clicked link. Used by every button
 * that downloads (the case file, the intel indicators).
 */

/** The file name in the answer's Content-Disposition (`filename="…"`), or the fallback. */
export function attachmentName(response: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
}

/** How long the object URL outlives the click: long enough for the browser to read a large file. */
const KEEP_URL_MS = 60_000;

/** Saves the bytes as a download named `fileName`. */
export function saveFile(body: Blob, fileName: string): void {
  const url = URL.createObjectURL(body);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
}
