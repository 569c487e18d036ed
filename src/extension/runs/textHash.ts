/**
 * The SHA-256 of a document's text, as the run it was trained on records it (core/checkpoint.ts
 * `sha256Hex` of its UTF-8 bytes), without blocking the extension host: with the platform's
 * native digest (Web Crypto, in VS Code for the Web and in Node 20+ hosts) where there is one —
 * the pure-JavaScript hash took 7 s of CPU on a 31 MB list, on the host's one thread, the native
 * one 0.1 s — and once per document version (the views ask again at every change).
 */
import type * as vscode from 'vscode';
import { sha256Hex } from '../../core/checkpoint';

interface Subtle {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** Web Crypto's digest, when the host has it (Node 18 hosts have it only under `node:crypto`). */
function subtle(): Subtle | undefined {
  return (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
}

/** SHA-256 (hex) of `text` as UTF-8. */
export async function textSha256(text: string): Promise<string> {
  const native = subtle();
  if (!native) return sha256Hex(text);
  const digest = new Uint8Array(await native.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const hashes = new WeakMap<vscode.TextDocument, { version: number; sha: Promise<string> }>();

/** SHA-256 (hex) of a document's text now, computed once per version. */
export function documentSha256(document: vscode.TextDocument): Promise<string> {
  const known = hashes.get(document);
  if (known && known.version === document.version) return known.sha;
  const sha = textSha256(document.getText());
  hashes.set(document, { version: document.version, sha });
  return sha;
}
