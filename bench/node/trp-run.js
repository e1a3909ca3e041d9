// One measured run of amazon-textract-response-parser (the npm package, pinned in package-lock.json) over the bench's
// merged response file: load it, build the TextractDocument, then walk pages, lines, form fields and table cells the
// way the package's README shows, touching their text. Prints one JSON line; bench/run.ps1 adds the process's wall
// time and peak RSS from outside (/usr/bin/time), exactly as it does for the .NET side.
"use strict";
const fs = require("fs");
const { TextractDocument } = require("amazon-textract-response-parser");

function peakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : -1;
  } catch {
    return -1;
  }
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node trp-run.js MERGED_RESPONSE.json");
  process.exit(2);
}

const start = process.hrtime.bigint();
const doc = new TextractDocument(JSON.parse(fs.readFileSync(file, "utf8")));
const readMs = Number(process.hrtime.bigint() - start) / 1e6;

let pages = 0, lines = 0, fields = 0, tables = 0, cells = 0;
let lineChars = 0, fieldChars = 0, cellChars = 0;
for (const page of doc.iterPages()) {
  pages++;
  for (const line of page.iterLines()) {
    lines++;
    lineChars += line.text.length;
  }
  for (const field of page.form.iterFields()) {
    fields++;
    fieldChars += (field.key ? field.key.text.length : 0) + (field.value ? field.value.text.length : 0);
  }
  for (const table of page.iterTables()) {
    tables++;
    // ignoreMerged: the table's own CELL blocks, as TextractTools' Table.Cells lists them (merged cells apart).
    for (const row of table.iterRows({ ignoreMerged: true })) {
      for (const cell of row.iterCells()) {
        cells++;
        cellChars += cell.text.length;
      }
    }
  }
}
const totalMs = Number(process.hrtime.bigint() - start) / 1e6;

console.log(JSON.stringify({
  tool: "amazon-textract-response-parser",
  version: require("amazon-textract-response-parser/package.json").version,
  readMs: Math.round(readMs * 10) / 10,
  totalMs: Math.round(totalMs * 10) / 10,
  pages, lines, fields, tables, cells, lineChars, fieldChars, cellChars,
  heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576 * 10) / 10,
  vmHwmKb: peakRssKb(),
}));
