/**
 * The name registry: every file path, identifier, import path, anchor, page path and environment
 * variable a target emits is claimed here by its planner, so no two things get one name and every name
 * is decided in one place. It lives for one run; every target's planner claims in it, in the targets'
 * dependency order, so a target that ships inside another's package (the client's schemas and mocks)
 * claims its exports in that package's scopes and can never clash with them.
 *
 * Collisions are handled deterministically: the first to ask (in model order, which is the spec's order)
 * gets the plain name, later ones a numeric suffix. File paths are not renamed: two targets that plan
 * one path is an error naming both.
 */
import path from 'node:path';
import { SpecloomError } from '../errors.js';

/** Names in one scope (a module's exports, a function's locals, a page's anchors). */
export class NameScope {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }
  /** The candidate if free, else the candidate with the first free suffix (2, 3...). */
  claim(candidate: string): string {
    let name = candidate;
    for (let n = 2; this.taken.has(name); n++) name = `${candidate}${n}`;
    this.taken.add(name);
    return name;
  }
  has(name: string): boolean {
    return this.taken.has(name);
  }
}

/** A module a package exports under a subpath of its own (`<package>/schemas`), added by a target that ships inside it. */
export interface PackageEntry {
  /** The export map key: `./schemas`. */
  subpath: string;
  /** Its source, relative to the package's folder: `src/schemas.ts`. */
  source: string;
  /** The target that adds it. */
  owner: string;
  /** Packages it imports that the package's users install themselves (optional peers): `{ zod: '^4' }`. */
  peerDependencies?: Record<string, string>;
  /** The exact versions the package's own build and type check use. */
  devDependencies?: Record<string, string>;
}

export class NameRegistry {
  private readonly scopes = new Map<string, NameScope>();
  private readonly files = new Map<string, string>();
  private readonly packageEntries = new Map<string, PackageEntry[]>();

  /** Claims a subpath of a package (`client`) for a module a target ships inside it. */
  claimEntry(pkg: string, entry: PackageEntry): void {
    const entries = this.packageEntries.get(pkg) ?? [];
    const taken = entries.find((e) => e.subpath === entry.subpath);
    if (taken && taken.owner !== entry.owner) throw new SpecloomError(`targets ${taken.owner} and ${entry.owner} both export ${entry.subpath} from ${pkg}`);
    if (!taken) entries.push(entry);
    this.packageEntries.set(pkg, entries);
  }

  /** The subpaths other targets added to a package, by subpath. */
  entries(pkg: string): PackageEntry[] {
    return [...(this.packageEntries.get(pkg) ?? [])].sort((a, b) => (a.subpath < b.subpath ? -1 : 1));
  }

  /**
   * The scope of that key, made on first use with `reserved` taken. Keys name what the scope holds:
   * `client/types` (the client package's exported types), `client/values`, `docs/page:<file>/anchors`.
   */
  scope(key: string, reserved: Iterable<string> = []): NameScope {
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = new NameScope(reserved);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /**
   * Claims an output file path (relative to the output folder, `/`-separated) for a target. The same
   * target may claim a path again; another target may not. A path that could leave the output folder
   * is refused.
   */
  claimFile(file: string, owner: string): string {
    const problem = unsafePath(file);
    if (problem !== undefined) {
      throw new SpecloomError(`target ${owner} wants to write ${JSON.stringify(file)}: ${problem}`, undefined, 'A target writes paths relative to the output folder, such as "docs/index.md".');
    }
    const current = this.files.get(file);
    if (current !== undefined && current !== owner) {
      throw new SpecloomError(`targets ${current} and ${owner} both write ${file}`, undefined, 'Give one of them another output path.');
    }
    this.files.set(file, owner);
    return file;
  }

  /** The target that claimed a path. */
  fileOwner(file: string): string | undefined {
    return this.files.get(file);
  }
}

/** Why a path may not be written, or undefined when it may. */
function unsafePath(file: string): string | undefined {
  if (typeof file !== 'string' || file.length === 0) return 'a path must be a non-empty string';
  if (file.includes('\\') || file.includes('\0')) return 'a path uses "/" between folders and holds no backslash or NUL';
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) return 'the path is absolute';
  const normal = path.posix.normalize(file);
  if (normal !== file || file.split('/').some((s) => s === '..' || s === '.' || s === '')) return 'the path is not in normal form, or leaves the output folder';
  if (file === '.specloom-manifest.json') return "that is specloom's manifest";
  return undefined;
}

/** An ES module import specifier from one emitted file to another (`./services/profile/index.js`). */
export function importPath(fromFile: string, toFile: string): string {
  let rel = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}
