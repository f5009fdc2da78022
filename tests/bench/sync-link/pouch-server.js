// pouch-server.js — express-pouchdb in memory, for the satellite-link benchmark
//
//   node pouch-server.js ADDRESS PORT COUNTER_FILE
//
// Serves CouchDB's replication API on ADDRESS:PORT and keeps the number of
// HTTP requests it has answered in COUNTER_FILE (rewritten after each one).
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const express = require('express');
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));

const [address, port, counterFile] = process.argv.slice(2);
const MemPouch = PouchDB.defaults({ adapter: 'memory' });
const app = express();
let requests = 0;

fs.writeFileSync(counterFile, '0\n');
app.use((req, res, next) => {
  res.on('finish', () => {
    requests++;
    fs.writeFileSync(counterFile, `${requests}\n`);
  });
  next();
});
app.use('/', require('express-pouchdb')(MemPouch, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: '/dev/null',
}));

const server = app.listen(Number(port), address, () => {
  console.log(`express-pouchdb on http://${address}:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
