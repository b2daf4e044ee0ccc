// Trunk post-build hook (Trunk.toml): allows the page's inline scripts by their SHA-256
// hashes instead of 'unsafe-inline'. Trunk writes one inline module script that starts the
// wasm, and its text names the build's hashed files, so its hash is known only after the
// build. This replaces the INLINE_SCRIPT_HASHES placeholder in index.html's
// Content-Security-Policy with those hashes, and fails the build if the placeholder is
// missing, so the policy can never ship half-made.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PLACEHOLDER = 'INLINE_SCRIPT_HASHES';
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-hashes: TRUNK_STAGING_DIR is not set; run me as a Trunk post_build hook');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
// Only inside the policy's content attribute: a comment may name the placeholder too.
const POLICY = new RegExp(`(http-equiv="Content-Security-Policy"\\s+content="[^"]*)${PLACEHOLDER}`);
if (!POLICY.test(html)) {
  console.error(`csp-hashes: ${file} has no ${PLACEHOLDER} in its Content-Security-Policy`);
  process.exit(1);
}
// An inline script is a <script> without src; the hash covers its text exactly as written.
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
writeFileSync(file, html.replace(POLICY, (_, head) => head + [...new Set(hashes)].join(' ')));
console.log(`csp-hashes: allowed ${hashes.length} inline script(s) by hash`);
