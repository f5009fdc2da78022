// pouch-client.js — PouchDB replication, for the satellite-link benchmark
//
//   node pouch-client.js push URL DOCS.jsonl   local memory database → URL
//   node pouch-client.js pull URL              URL → a new local memory database
//
// A push first loads the documents into the local database (not timed),
// then replicates with PouchDB's defaults.  Prints one line of JSON: how
// many documents were written and the replication's own time in seconds.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));

const MemPouch = PouchDB.defaults({ adapter: 'memory' });

async function main () {
  const [mode, url, docsPath] = process.argv.slice(2);
  const remote = new PouchDB(url);
  const local = new MemPouch(`local-${mode}`);
  let loaded = 0;

  if (mode === 'push') {
    const docs = fs.readFileSync(docsPath, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
    for (let i = 0; i < docs.length; i += 500)
      await local.bulkDocs(docs.slice(i, i + 500));
    loaded = docs.length;
  } else if (mode !== 'pull') {
    throw new Error(`unknown mode ${mode}`);
  }

  const start = process.hrtime.bigint();
  const result = mode === 'push'
    ? await local.replicate.to(remote)
    : await local.replicate.from(remote);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  console.log(JSON.stringify({
    mode, loaded, seconds,
    ok: result.ok, status: result.status,
    docs_read: result.docs_read, docs_written: result.docs_written,
    doc_write_failures: result.doc_write_failures,
  }));
  if (!result.ok || result.doc_write_failures > 0)
    process.exit(1);
}

main().catch((error) => {
  console.error(`pouch-client: ${error && error.stack || error}`);
  process.exit(1);
});
