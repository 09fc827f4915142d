import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { allRoutes } from './routes.ts';
import { withRouteCatalog } from './http/route-catalog.ts';

const DOC = new URL('../../../docs/compatibility.md', import.meta.url);

test('docs/compatibility.md lists exactly the routes the server has (run `npm run docs:routes`)', async () => {
  const doc = await readFile(DOC, 'utf8');
  assert.equal(doc, withRouteCatalog(doc, allRoutes));
});

test('no two routes share a method and path', () => {
  const seen = new Set<string>();
  for (const r of allRoutes) {
    const key = `${r.method} ${r.url}`;
    assert.ok(!seen.has(key), `duplicate route ${key}`);
    seen.add(key);
  }
});
