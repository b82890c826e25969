/**
 * The file-system and network side of `specloom preview`: reads a docs folder, writes the HTML site (through
 * the same writer as `generate`, so a failed run leaves the previous preview intact), and can serve it on
 * 127.0.0.1, since the pages link to each other by root-absolute URLs as on a Docusaurus site.
 *
 * @mdx-js/mdx and remark-directive are optional: only the preview needs them, so they are loaded here, with
 * an error saying how to install them when they are missing.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { SpecloomError } from '../errors.js';
import { writeOutput, type WriteReport } from '../write/write.js';
import { PageCompileError, renderPreview, type DocsPage, type MdxCompiler } from './render.js';

async function loadMdxCompiler(): Promise<MdxCompiler> {
  try {
    const [{ evaluate }, { default: remarkDirective }] = await Promise.all([import('@mdx-js/mdx'), import('remark-directive')]);
    return { evaluate: evaluate as unknown as MdxCompiler['evaluate'], remarkDirective };
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    throw new SpecloomError(
      'The preview needs @mdx-js/mdx and remark-directive, which are not installed',
      undefined,
      'Install them beside specloom: npm install --save-dev @mdx-js/mdx@3 remark-directive@3',
    );
  }
}

async function readDocsPages(docsDir: string, shownAs: string): Promise<DocsPage[]> {
  const info = await stat(docsDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new SpecloomError(`No docs folder at ${shownAs}`, undefined, "Run 'specloom generate' first, or name the folder with --docs <dir>.");
  }
  const entries = await readdir(docsDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => path.relative(docsDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  if (files.length === 0) throw new SpecloomError(`No .md or .mdx pages in ${shownAs}`, undefined, 'Name the docs folder with --docs <dir>.');
  return Promise.all(files.map(async (file) => ({ path: file, text: await readFile(path.join(docsDir, file), 'utf8') })));
}

/** Renders every page of `docsDir` into `outDir`. A page that does not compile fails the run, naming it. */
export async function buildPreview(docsDir: string, outDir: string, shownDocsDir = docsDir): Promise<{ pages: number; report: WriteReport }> {
  const pages = await readDocsPages(docsDir, shownDocsDir);
  const compiler = await loadMdxCompiler();
  let files;
  try {
    files = await renderPreview(pages, compiler);
  } catch (err) {
    if (!(err instanceof PageCompileError)) throw err;
    const location = { file: path.join(shownDocsDir, err.page), ...(err.line !== undefined ? { line: err.line } : {}), ...(err.column !== undefined ? { column: err.column } : {}) };
    throw new SpecloomError(`The page does not compile as MDX: ${err.message}`, location, 'Fix the page, or the template it comes from, and run again.');
  }
  return { pages: files.length, report: await writeOutput(outDir, files) };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.css': 'text/css', '.js': 'text/javascript' };

const EVENTS_PATH = '/__specloom/events';

/**
 * Live reload for `preview --serve --watch`: each served page listens (Server-Sent Events) for the pages a
 * rebuild changed and reloads itself only when it is one of them.
 */
export class LiveReload {
  readonly #clients = new Set<ServerResponse>();

  /** The script served pages carry: reload when this page's file is among those changed. */
  static readonly script = `<script>new EventSource(${JSON.stringify(EVENTS_PATH)}).addEventListener('pages', (event) => {
  const file = decodeURIComponent(location.pathname).replace(/^\\//, '').replace(/(^|\\/)$/, '$1index.html');
  if (JSON.parse(event.data).includes(file)) location.reload();
});</script>`;

  connect(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.#clients.add(res);
    res.on('close', () => this.#clients.delete(res));
  }

  /** Tells every open page which files of the site changed (paths relative to the site, "a/b/index.html"). */
  notify(files: readonly string[]): void {
    const pages = files.filter((f) => f.endsWith('.html'));
    if (pages.length === 0) return;
    for (const res of this.#clients) res.write(`event: pages\ndata: ${JSON.stringify(pages)}\n\n`);
  }

  close(): void {
    for (const res of this.#clients) res.end();
    this.#clients.clear();
  }
}

/**
 * Serves `dir` on 127.0.0.1 (port 0: any free one); `/a/b/` is `/a/b/index.html`. Nothing outside `dir`.
 * With `live`, pages are served with its reload script and `/__specloom/events` streams its notices.
 */
export async function servePreview(dir: string, port = 0, live?: LiveReload): Promise<{ url: string; server: Server }> {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    void (async () => {
      let pathname: string;
      try {
        pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      } catch {
        res.writeHead(400).end('Bad request');
        return;
      }
      if (live && pathname === EVENTS_PATH) {
        live.connect(res);
        return;
      }
      let file = path.resolve(root, `.${pathname}`);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end('Forbidden');
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${pathname}/` }).end();
          return;
        }
        file = path.join(file, 'index.html');
      }
      const found = await stat(file).catch(() => undefined);
      if (!found?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      if (live && file.endsWith('.html')) {
        const html = (await readFile(file, 'utf8')).replace('</body>', `${LiveReload.script}\n</body>`);
        res.writeHead(200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-store' }).end(html);
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': found.size });
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return { url: `http://127.0.0.1:${actualPort}/`, server };
}
