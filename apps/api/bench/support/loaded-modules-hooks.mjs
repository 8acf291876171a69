/** Module hooks for loaded-modules.mjs (they run on the loader's own thread). */
import { appendFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let file;

export function initialize(data) {
  file = data?.file;
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (file) {
    // CommonJS modules come without their source here: their file's size stands in for it.
    const bytes = loaded.source
      ? (loaded.source.byteLength ?? loaded.source.length)
      : url.startsWith('file:')
        ? statSync(fileURLToPath(url)).size
        : 0;
    appendFileSync(file, `${JSON.stringify({ url, bytes })}\n`);
  }
  return loaded;
}
