import { readFile, writeFile } from 'node:fs/promises';
import { allRoutes } from '../src/routes.ts';
import { withRouteCatalog } from '../src/http/route-catalog.ts';

// Rewrites the route table of docs/compatibility.md from the server's route list.
const doc = new URL('../../../docs/compatibility.md', import.meta.url);
await writeFile(doc, withRouteCatalog(await readFile(doc, 'utf8'), allRoutes));
console.log(`docs/compatibility.md: ${allRoutes.length} routes`);
