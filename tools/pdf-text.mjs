#!/usr/bin/env node
// Prints the text of the PDF read on stdin, as pdf.js (through pdf-parse) extracts it. Tests call it in a
// child process because pdf.js loads its worker with a dynamic import(), which Jest's CommonJS sandbox lacks.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  const { text } = await parser.getText();
  process.stdout.write(text);
} finally {
  await parser.destroy();
}
