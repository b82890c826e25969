#!/usr/bin/env node
// A real Docusaurus 3 site build of generated StackQL docs folders.
//
//   node .ci/site/build.mjs <docsFolder> [<docsFolder>...]
//   node .ci/site/build.mjs --self-test
//
// Each folder becomes the docs/ of a fresh site (.ci/site/work/<n>: template/ plus the folder), built by Docusaurus's
// CLI (docs at the site root, .md compiled as MDX). It prints OK with the page count and time, or FAIL with each
// failing page (relative to the folder) and why, grouped by kind, and exits 1 on any failure. The kinds:
//   front matter error     the page's YAML, read by Docusaurus's own parser before the build
//   MDX compile error      the page does not compile (line:column of the page file)
//   broken markdown link   a link to a .md file that does not exist
//   module not found       an import the site cannot resolve
//   render error           the page compiles but throws when rendered (say, a JSX component that nobody provides)
//   doc metadata error     Docusaurus rejects the page (front matter values, ids)
//   broken link            page -> link, from Docusaurus's broken links list
//   broken link in raw HTML <a>   page -> link, found in the built HTML: Docusaurus checks only Markdown links
//                          and <Link>, not JSX <a href>, so a real site would build with these and show dead links
//   broken anchor          page -> link#anchor, whose page is built but has no element of that id (built HTML)
// A page that fails to compile or render stops Docusaurus before the link check, so it is replaced by a stub (its
// front matter kept, so its route stays) and the site built again, up to MAX_BUILDS times: one run lists every kind.
// Docusaurus's own output goes to work/<n>/build-<k>.log.
//
// --self-test builds a small docs folder with planted failures (a broken link, a page that does not compile, one that
// throws when rendered, a raw HTML link and an anchor that go nowhere) next to good pages shaped like the generated
// ones, and exits 0 only when exactly those are reported.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const SITE = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATE = path.join(SITE, 'template');
const WORK = path.join(SITE, 'work');
const CLI = path.join(SITE, 'node_modules/@docusaurus/core/bin/docusaurus.mjs');
const MAX_BUILDS = 4;
const PAGE_FILE = /\.mdx?$/;

const KIND_ORDER = [
  'front matter error',
  'doc metadata error',
  'MDX compile error',
  'broken markdown link',
  'broken markdown image',
  'module not found',
  'render error',
  'build error',
  'broken link',
  'broken link in raw HTML <a>',
  'broken anchor',
];
const LINK_KINDS = new Set(['broken link', 'broken link in raw HTML <a>', 'broken anchor', 'broken markdown link', 'broken markdown image']);

function childEnv() {
  const env = {
    ...process.env,
    SPECLOOM_DOCS_CHECK: '1', // the template config: log broken links rather than stop at the first list
    NO_UPDATE_NOTIFIER: '1', // else Docusaurus's CLI asks the registry for a newer version (state in ~/.config)
    DOCUSAURUS_NO_PERSISTENT_CACHE: 'true', // a fresh site each time: webpack's disk cache is only writes
    BROWSERSLIST_IGNORE_OLD_DATA: '1', // "caniuse-lite is outdated" once the pinned data ages
  };
  // Node 25+ has a global localStorage that warns (or, in 25.2.0, throws) without --localstorage-file when the
  // build's code looks for it; the site needs none.
  if (process.allowedNodeEnvironmentFlags.has('--no-experimental-webstorage')) {
    env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--no-experimental-webstorage'].filter(Boolean).join(' ');
  }
  return env;
}

function runDocusaurus(siteDir, logFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'build', '--no-minify'], { cwd: siteDir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const log = fs.createWriteStream(logFile);
    let text = '';
    const take = (chunk) => {
      text += chunk;
      log.write(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', take);
    child.stderr.setEncoding('utf8').on('data', take);
    child.on('error', reject);
    child.on('close', (code, signal) => log.end(() => resolve({ code: code ?? 1, signal, text: stripVTControlCharacters(text) })));
  });
}

function listPages(dir, base = dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listPages(full, base));
    else if (PAGE_FILE.test(entry.name)) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

const formatSeconds = (ms) => {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
};

/** The problems of one folder: kind, page (relative to docs/) and detail, deduplicated. */
class Problems {
  list = [];
  #seen = new Set();
  add(kind, page, detail) {
    const key = `${kind}\0${page}\0${detail}`;
    if (this.#seen.has(key)) return false;
    this.#seen.add(key);
    this.list.push({ kind, page, detail });
    return true;
  }
  has(kind, page, detail) {
    return this.#seen.has(`${kind}\0${page}\0${detail}`);
  }
}

/** Docusaurus's doc metadata (written before bundling): route -> page and page -> route. */
function readRoutes(siteDir) {
  const dir = path.join(siteDir, '.docusaurus/docusaurus-plugin-content-docs/default');
  const byRoute = new Map();
  const byPage = new Map();
  if (!fs.existsSync(dir)) return { byRoute, byPage };
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('site-docs-') || !name.endsWith('.json')) continue;
    const meta = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    if (typeof meta.permalink !== 'string' || typeof meta.source !== 'string') continue;
    const page = meta.source.replace(/^@site\/docs\//, '');
    byRoute.set(trimSlash(meta.permalink), page);
    byPage.set(page, meta.permalink);
  }
  return { byRoute, byPage };
}

const trimSlash = (p) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Reads what one Docusaurus run printed into problems; returns the pages that failed to build. */
function readOutput(text, siteDir, problems) {
  const docsDir = path.join(siteDir, 'docs');
  const pageOf = (file) => {
    const rel = path.relative(docsDir, path.resolve(siteDir, file));
    return rel.startsWith('..') ? null : rel.split(path.sep).join('/');
  };
  const { byRoute } = readRoutes(siteDir);
  const failed = new Set();
  const pageProblem = (kind, page, detail) => {
    problems.add(kind, page, detail);
    failed.add(page);
  };
  let understood = false;

  // MDX compile errors, one block per file; broken Markdown links and images are reported this way too.
  const mdx = /MDX compilation failed for file "([^"]+)"\nCause: ([^\n]*)([\s\S]*?)(?=\nError: MDX compilation failed|\n-{10,}|\n\[\w+\]|$)/g;
  for (const m of text.matchAll(mdx)) {
    const page = pageOf(m[1]);
    if (!page) continue;
    understood = true;
    const cause = m[2].trim();
    const link = /^Markdown (link|image) with URL `([^`]*)`/.exec(cause);
    if (link) {
      pageProblem(`broken markdown ${link[1]}`, page, link[2]);
      continue;
    }
    const line = /"line": (\d+)/.exec(m[3]);
    const column = /"column": (\d+)/.exec(m[3]);
    const where = line && !/\(\d+:\d+/.test(cause) ? ` (${line[1]}${column ? `:${column[1]}` : ''})` : '';
    pageProblem('MDX compile error', page, cause + where);
  }

  // An import webpack cannot resolve: it names the folder, so find the pages there that import it.
  for (const m of text.matchAll(/Module not found: Error: Can't resolve '([^']+)' in '([^']+)'/g)) {
    const [, request, dir] = m;
    const rel = path.relative(docsDir, dir);
    if (rel.startsWith('..')) continue;
    understood = true;
    for (const name of fs.readdirSync(dir)) {
      if (!PAGE_FILE.test(name)) continue;
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      if (source.includes(`'${request}'`) || source.includes(`"${request}"`)) pageProblem('module not found', pageOf(path.join(dir, name)), `import '${request}'`);
    }
  }

  // Doc metadata the docs plugin rejects (one per run: the first that fails).
  for (const m of text.matchAll(/Can't process doc metadata for doc at path path=(\S+)/g)) {
    const page = pageOf(m[1]);
    if (!page) continue;
    understood = true;
    const after = text.slice(m.index);
    const causes = [...after.matchAll(/\[cause\]: ([^\n]+)/g)].map((c) => c[1].trim());
    pageProblem('doc metadata error', page, causes.at(-1) ?? 'rejected by the docs plugin');
  }

  // Pages that compile but throw in static rendering.
  for (const m of text.matchAll(/Can't render static file for pathname "([^"]+)"/g)) {
    const page = byRoute.get(trimSlash(m[1]));
    if (!page) continue;
    understood = true;
    const cause = /\[cause\]: ([^\n]+)/.exec(text.slice(m.index, m.index + 4000));
    pageProblem('render error', page, cause ? cause[1].trim() : 'see the log');
  }

  // Broken links, logged (not thrown) in check mode: "- Broken link on source page path = /x:" then "-> linking to".
  const section = /Docusaurus found broken links![\s\S]*?Exhaustive list of all broken links found:\n([\s\S]*?)(?:\n\s*\n|$)/.exec(text);
  if (section) {
    understood = true;
    let page = null;
    for (const line of section[1].split('\n')) {
      const source = /- Broken link on source page path = (.+):$/.exec(line.trim());
      if (source) {
        page = byRoute.get(trimSlash(source[1])) ?? `(route ${source[1]})`;
        continue;
      }
      const target = /^-> linking to (.+?)(?: \(resolved as: .+\))?$/.exec(line.trim());
      if (target && page) problems.add('broken link', page, target[1]);
    }
  }
  return { failed, understood };
}

/** Replaces a page that does not build by its front matter and a line, so its route (and links to it) stay. */
function stubPage(docsDir, page, keepFrontMatter) {
  const file = path.join(docsDir, page);
  const text = fs.readFileSync(file, 'utf8');
  const fm = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const head = keepFrontMatter && fm ? fm[0] : `---\ntitle: ${JSON.stringify(path.basename(page))}\n---\n`;
  fs.writeFileSync(file, `${head}\nThis page did not build; build.mjs replaced it to check the rest of the site.\n`);
}

/** Front matter, read as Docusaurus reads it (its own parser), so that all bad pages show in one run. */
async function checkFrontMatter(docsDir, pages, problems) {
  const { DEFAULT_PARSE_FRONT_MATTER } = createRequire(path.join(SITE, 'package.json'))('@docusaurus/utils');
  const bad = [];
  for (const page of pages) {
    const filePath = path.join(docsDir, page);
    try {
      await DEFAULT_PARSE_FRONT_MATTER({ filePath, fileContent: fs.readFileSync(filePath, 'utf8') });
    } catch (error) {
      problems.add('front matter error', page, String(error.message ?? error).split('\n')[0]);
      bad.push(page);
    }
  }
  return bad;
}

const decodeEntities = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27|#(\d+)|#x([0-9a-f]+));/gi, (all, name, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" }[name.toLowerCase()] ?? all;
  });

const safeDecode = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The links of the built pages, checked against the built site: every <a href> to this site must reach a built
 * file, and its #anchor an element of that id. Docusaurus checks Markdown links and <Link> only, and anchors only
 * against the headings it collected; this reads the HTML that readers get.
 */
function checkBuiltLinks(siteDir, stubbed, problems) {
  const buildDir = path.join(siteDir, 'build');
  const { byPage } = readRoutes(siteDir);
  const files = new Map(); // URL path -> file
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const url = '/' + path.relative(buildDir, full).split(path.sep).join('/');
      files.set(url, full);
      if (entry.name === 'index.html') files.set(trimSlash(url.slice(0, -'index.html'.length)) || '/', full);
      else if (entry.name.endsWith('.html')) files.set(url.slice(0, -'.html'.length), full);
    }
  };
  walk(buildDir);
  const ids = new Map(); // file -> Set of ids
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const html = fs.readFileSync(file, 'utf8');
      const set = new Set();
      for (const m of html.matchAll(/<[a-zA-Z][^>]*?\s(?:id|name)="([^"]*)"/g)) set.add(decodeEntities(m[1]));
      ids.set(file, set);
    }
    return ids.get(file);
  };
  const stubbedFiles = new Set([...stubbed].map((page) => byPage.get(page)).filter(Boolean).map((route) => files.get(trimSlash(route))));
  for (const [page, route] of byPage) {
    if (stubbed.has(page)) continue;
    const file = files.get(trimSlash(route));
    if (!file) continue;
    const html = fs.readFileSync(file, 'utf8');
    for (const m of html.matchAll(/<a\s[^>]*?\bhref="([^"]*)"/g)) {
      const href = decodeEntities(m[1]);
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href === '' || href === '#') continue;
      const url = new URL(href, `http://site.invalid${route}`);
      const target = files.get(trimSlash(safeDecode(url.pathname))) ?? files.get(trimSlash(url.pathname));
      if (!target) {
        if (!problems.has('broken link', page, href)) problems.add('broken link in raw HTML <a>', page, href);
        continue;
      }
      const anchor = safeDecode(url.hash.slice(1));
      if (!anchor || !target.endsWith('.html') || stubbedFiles.has(target)) continue;
      if (!idsOf(target).has(anchor) && !problems.has('broken link', page, href)) problems.add('broken anchor', page, href);
    }
  }
}

/** Builds one docs folder as a site; returns { ok, lines }. */
async function checkFolder(folder, n, label = folder) {
  const start = Date.now();
  const siteDir = path.join(WORK, String(n));
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.cpSync(TEMPLATE, siteDir, { recursive: true });
  // Docusaurus's CLI reads package.json in its working folder.
  fs.writeFileSync(path.join(siteDir, 'package.json'), '{ "name": "docs-check-site", "private": true }\n');
  const docsDir = path.join(siteDir, 'docs');
  fs.cpSync(folder, docsDir, { recursive: true });
  const pages = listPages(docsDir);
  const problems = new Problems();
  const stubbed = new Set();
  for (const page of await checkFrontMatter(docsDir, pages, problems)) {
    stubPage(docsDir, page, false);
    stubbed.add(page);
  }

  let builds = 0;
  let built = false;
  let logFile;
  for (;;) {
    builds++;
    logFile = path.join(siteDir, `build-${builds}.log`);
    fs.rmSync(path.join(siteDir, 'build'), { recursive: true, force: true });
    const run = await runDocusaurus(siteDir, logFile);
    const { failed, understood } = readOutput(run.text, siteDir, problems);
    const fresh = [...failed].filter((page) => !stubbed.has(page));
    if (run.code === 0) {
      built = true;
      break;
    }
    if (fresh.length === 0 || builds >= MAX_BUILDS) {
      if (!understood || fresh.length === 0) {
        const lines = run.text.split('\n').filter((l) => /^\[ERROR\]|\[cause\]: |^Error: |Module not found/.test(l.trim()));
        problems.add('build error', '(site)', (lines.slice(0, 8).map((l) => l.trim()).join(' | ') || `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}`) + (builds >= MAX_BUILDS ? ` [gave up after ${builds} builds]` : ''));
      }
      break;
    }
    for (const page of fresh) {
      stubPage(docsDir, page, !problems.list.some((p) => p.page === page && p.kind === 'doc metadata error'));
      stubbed.add(page);
    }
  }
  if (built) checkBuiltLinks(siteDir, stubbed, problems);

  const time = formatSeconds(Date.now() - start);
  const buildsText = builds > 1 ? `${builds} builds, ` : '';
  const rel = path.relative(process.cwd(), logFile);
  if (problems.list.length === 0) {
    return { ok: true, problems, lines: [`OK    ${label}: ${pages.length} pages built in ${time}`] };
  }
  const failingPages = new Set(problems.list.map((p) => p.page));
  const lines = [`FAIL  ${label}: ${pages.length} pages, ${problems.list.length} problems on ${failingPages.size} page(s) (${buildsText}${time}; Docusaurus log: ${rel})`];
  for (const kind of KIND_ORDER) {
    const ofKind = problems.list.filter((p) => p.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`  ${kind} (${ofKind.length}):`);
    for (const p of ofKind.sort((a, b) => a.page.localeCompare(b.page) || a.detail.localeCompare(b.detail))) {
      lines.push(LINK_KINDS.has(kind) ? `    ${p.page} -> ${p.detail}` : `    ${p.page}: ${p.detail}`);
    }
  }
  if (stubbed.size > 0) lines.push(`  (${stubbed.size} page(s) that did not build were replaced by stubs to check the rest; their own links were not checked)`);
  return { ok: false, problems, lines };
}

async function selfTest() {
  const docs = path.join(WORK, 'self-test-docs');
  fs.rmSync(docs, { recursive: true, force: true });
  fs.mkdirSync(path.join(docs, 'services/demo'), { recursive: true });
  const page = (file, text) => fs.writeFileSync(path.join(docs, file), text);
  // Good pages, shaped like the generated ones: imports, Tabs, CopyableCode imported and not, root-relative links.
  page(
    'index.md',
    `---\ntitle: demo\nid: 'provider-intro'\n---\n\nimport CopyableCode from '@site/src/components/CopyableCode/CopyableCode';\n\n` +
      `The <CopyableCode code="DEMO_TOKEN" /> variable. See [links](/services/demo/links/) and <a href="/services/demo/">demo</a>.\n`,
  );
  page(
    'services/demo/index.md',
    `---\ntitle: demo\n---\n\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n` +
      `<Tabs defaultValue="a" values={[{ label: 'a', value: 'a' }, { label: 'b', value: 'b' }]}>\n<TabItem value="a">\n\n<CopyableCode code="demo.a" />\n\n</TabItem>\n<TabItem value="b">\n\nb\n\n</TabItem>\n</Tabs>\n\n` +
      `## Section two\n\n<a href="/services/demo/links/#planted">back</a> and [up](/).\n`,
  );
  // Planted failures.
  page(
    'services/demo/links.md',
    `---\ntitle: links\n---\n\nA [spec link](/docs/api/account/#payment-method-add), a <a href="/raw/missing/">raw one</a>, ` +
      `an [anchor](/services/demo/#no-such-heading), a good [anchor](/services/demo/#section-two).\n\n<h3 id="planted">Planted</h3>\n`,
  );
  page('services/demo/mdx-error.md', `---\ntitle: mdx error\n---\n\nA table cell <td>{unclosed expression</td>\n`);
  page('services/demo/render-error.md', `---\ntitle: render error\n---\n\nA component nobody provides: <NotProvided code="x" />\n`);
  const expected = [
    ['MDX compile error', 'services/demo/mdx-error.md'],
    ['render error', 'services/demo/render-error.md'],
    ['broken link', 'services/demo/links.md', '/docs/api/account/#payment-method-add'],
    ['broken link in raw HTML <a>', 'services/demo/links.md', '/raw/missing/'],
    ['broken anchor', 'services/demo/links.md', '/services/demo/#no-such-heading'],
  ];
  const result = await checkFolder(docs, 'self-test', 'self-test docs');
  for (const line of result.lines) console.log(`  | ${line}`);
  const missing = expected.filter(([kind, page, detail]) => !result.problems.list.some((p) => p.kind === kind && p.page === page && (detail === undefined || p.detail === detail)));
  const extra = result.problems.list.filter((p) => !expected.some(([kind, page, detail]) => p.kind === kind && p.page === page && (detail === undefined || p.detail === detail)));
  if (result.ok || missing.length > 0 || extra.length > 0) {
    for (const m of missing) console.log(`self-test: NOT reported: ${m.join(' ')}`);
    for (const p of extra) console.log(`self-test: reported but not planted: ${p.kind} ${p.page} ${p.detail}`);
    console.log('self-test FAILED: the checker does not report the planted failures as expected');
    return false;
  }
  console.log(`self-test OK: the checker reported the ${expected.length} planted failures by page, and nothing else`);
  return true;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('-h') || args.includes('--help')) {
    console.log('usage: node .ci/site/build.mjs <docsFolder> [<docsFolder>...] | --self-test');
    return args.length === 0 ? 2 : 0;
  }
  if (!fs.existsSync(CLI)) {
    console.error(`Docusaurus is not installed: run npm ci --prefix ${path.relative(process.cwd(), SITE) || '.'}`);
    return 2;
  }
  fs.mkdirSync(WORK, { recursive: true });
  if (args.includes('--self-test')) return (await selfTest()) ? 0 : 1;
  let ok = true;
  for (const [i, folder] of args.entries()) {
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      console.log(`FAIL  ${folder}: not a folder`);
      ok = false;
      continue;
    }
    const result = await checkFolder(path.resolve(folder), i + 1, folder);
    for (const line of result.lines) console.log(line);
    ok &&= result.ok;
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
