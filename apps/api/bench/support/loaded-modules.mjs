/**
 * Preload for the start-up bench (`node --import …/loaded-modules.mjs dist/main.js`): records
 * every ES module the process loads, with the size of its source, as JSON lines in the file
 * named by KIT_LOADED_MODULES_FILE. What a server loads before it is healthy is most of what it
 * costs in memory at start.
 */
import { register } from 'node:module';

register('./loaded-modules-hooks.mjs', import.meta.url, {
  data: { file: process.env.KIT_LOADED_MODULES_FILE },
});
