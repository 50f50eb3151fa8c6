import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError } from '@embedkit/core';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { fileKind } from './read-text-file.js';
import { describeFileError, SkippedSourceError } from './skipped-source-error.js';

/** Extensions read as one document per file. */
export const textExtensions: ReadonlySet<string> = new Set(['.txt', '.md', '.markdown']);
/** Every extension the CLI reads (`.jsonl`: one document per line). */
export const sourceExtensions: ReadonlySet<string> = new Set([...textExtensions, '.jsonl']);

/** A file to read. */
export interface SourceFile {
  /** Absolute real path (symlinks resolved): each real file is read once. */
  path: string;
  /** The path as the user sees it, relative to the working directory with `/`. */
  shownAs: string;
}

export interface ListSourceOptions {
  /** gitignore-style patterns, matched against paths inside each folder given. */
  exclude?: readonly string[];
  /** Honour `.gitignore` files inside the folders given. Default true. */
  gitignore?: boolean;
  /** Working directory that `shownAs` is relative to. Default `process.cwd()`. */
  cwd?: string;
}

/** What listing found: the files to read, what was skipped and why, and what was looked at. */
export interface SourceListing {
  files: SourceFile[];
  skipped: SkippedSourceError[];
  /** Files seen that the CLI does not read, by extension (`(none)` without one). */
  otherExtensions: Map<string, number>;
  /** Files and folders left out by `--exclude` or a `.gitignore`. */
  ignored: number;
}

/**
 * Lists the files under `paths` that the CLI reads (`.txt`, `.md`, `.markdown`, `.jsonl`), sorted.
 * Folders are walked by tinyglobby (symlinks followed, with its cycle guard), without dot files and
 * `node_modules`, honouring `.gitignore` files and `exclude`. Only regular files are kept; FIFOs,
 * sockets, devices, broken links, symlink loops and unreadable folders become `skipped` entries
 * naming the path and why. Each real file appears once, however many links lead to it.
 */
export async function listSourceFiles(
  paths: readonly string[],
  options: ListSourceOptions = {},
): Promise<SourceListing> {
  const cwd = options.cwd ?? process.cwd();
  const shown = (absolute: string) => relative(cwd, absolute).split(sep).join('/') || '.';
  const listing: SourceListing = {
    files: [],
    skipped: [],
    otherExtensions: new Map(),
    ignored: 0,
  };
  const byRealPath = new Map<string, SourceFile>();
  const addFile = async (absolute: string) => {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      listing.skipped.push(skippedFor(shown(absolute), error));
      return;
    }
    const candidate = { path: real, shownAs: shown(absolute) };
    const existing = byRealPath.get(real);
    // The path without a link in it wins, so a folder alias does not rename documents.
    if (!existing || (candidate.shownAs === shown(real) && existing.shownAs !== shown(real))) {
      byRealPath.set(real, candidate);
    }
  };

  for (const path of paths) {
    const absolute = resolve(cwd, path);
    try {
      await lstat(absolute);
    } catch (error) {
      if (describeFileError(error) === 'permission denied') {
        listing.skipped.push(skippedFor(path, error));
        continue;
      }
      throw new InvalidInputError({
        message: `No such file or folder: ${path}. Check the path (it is relative to ${cwd}).`,
      });
    }
    let info: Stats;
    try {
      info = await stat(absolute);
    } catch (error) {
      const reason = describeFileError(error);
      if (reason === 'permission denied') {
        listing.skipped.push(skippedFor(path, error));
        continue;
      }
      throw new InvalidInputError({
        message: `${path} is ${reason ?? (error as Error).message}; fix or remove the link, or give its target instead.`,
      });
    }
    if (info.isDirectory()) {
      await walkFolder(absolute, options, listing, addFile, shown);
      continue;
    }
    const extension = extname(absolute).toLowerCase();
    if (!sourceExtensions.has(extension)) {
      throw new InvalidInputError({
        message: `${path} is not a .txt, .md, .markdown or .jsonl file; the CLI reads only those.`,
      });
    }
    if (!info.isFile()) {
      listing.skipped.push(notRegular(path, info));
      continue;
    }
    await addFile(absolute);
  }
  listing.files = [...byRealPath.values()].sort((left, right) =>
    left.shownAs < right.shownAs ? -1 : left.shownAs > right.shownAs ? 1 : 0,
  );
  return listing;
}

async function walkFolder(
  root: string,
  options: ListSourceOptions,
  listing: SourceListing,
  addFile: (absolute: string) => Promise<void>,
  shown: (absolute: string) => string,
): Promise<void> {
  const entries = await glob(['**'], {
    cwd: root,
    onlyFiles: false,
    followSymbolicLinks: true,
    expandDirectories: false,
    dot: false,
    ignore: ['**/node_modules/**'],
  });
  const rules = new Map<string, Ignore>();
  const rootRules = ignore();
  if (options.exclude && options.exclude.length > 0) rootRules.add([...options.exclude]);
  rules.set('', rootRules);
  const ignoredDirectories = new Map<string, boolean>();
  const matches = (path: string): boolean => {
    for (const [directory, rule] of rules) {
      if (directory !== '' && !path.startsWith(`${directory}/`)) continue;
      const inside = directory === '' ? path : path.slice(directory.length + 1);
      if (inside !== '' && inside !== '/' && rule.ignores(inside)) return true;
    }
    return false;
  };
  const isIgnoredDirectory = (directory: string): boolean => {
    if (directory === '') return false;
    const known = ignoredDirectories.get(directory);
    if (known !== undefined) return known;
    const parent = directory.includes('/') ? directory.slice(0, directory.lastIndexOf('/')) : '';
    const ignored = isIgnoredDirectory(parent) || matches(`${directory}/`);
    ignoredDirectories.set(directory, ignored);
    return ignored;
  };

  // Folders, parents first: tinyglobby's listing and the parents of what it found (a folder
  // reached through a link is listed by its children only).
  const directories = new Set<string>(['']);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith('/')) directories.add(entry.slice(0, -1));
    else files.push(entry);
    for (let parent = dirname(entry); parent !== '.'; parent = dirname(parent)) {
      directories.add(parent);
    }
  }
  const auditedRealPaths = new Set<string>();
  for (const directory of [...directories].sort()) {
    if (isIgnoredDirectory(directory)) continue;
    const absolute = join(root, directory);
    let real: string;
    try {
      real = await realpath(absolute);
    } catch {
      continue;
    }
    if (auditedRealPaths.has(real)) continue;
    auditedRealPaths.add(real);
    let children: Dirent[];
    try {
      children = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      listing.skipped.push(skippedFor(shown(absolute), error, 'folder'));
      continue;
    }
    if (options.gitignore !== false && children.some((child) => child.name === '.gitignore')) {
      try {
        const text = await readFile(join(absolute, '.gitignore'), 'utf8');
        const existing = rules.get(directory);
        if (existing) existing.add(text);
        else rules.set(directory, ignore().add(text));
      } catch (error) {
        listing.skipped.push(skippedFor(shown(join(absolute, '.gitignore')), error));
      }
    }
    for (const child of children) {
      if (child.name.startsWith('.') || child.name === 'node_modules') continue;
      if (child.isFile() || child.isDirectory()) continue;
      const path = directory === '' ? child.name : `${directory}/${child.name}`;
      const childAbsolute = join(absolute, child.name);
      const indexed = sourceExtensions.has(extname(child.name).toLowerCase());
      if (!child.isSymbolicLink()) {
        if (indexed && !matches(path))
          listing.skipped.push(notRegular(shown(childAbsolute), child));
        continue;
      }
      let target: Stats;
      try {
        target = await stat(childAbsolute);
      } catch (error) {
        const reason = describeFileError(error);
        if ((indexed || reason?.startsWith('a symlink loop')) && !matches(path)) {
          listing.skipped.push(skippedFor(shown(childAbsolute), error));
        }
        continue;
      }
      if (target.isDirectory()) {
        const targetReal = await realpath(childAbsolute).catch(() => undefined);
        if (targetReal && (real === targetReal || real.startsWith(`${targetReal}${sep}`))) {
          listing.skipped.push(
            new SkippedSourceError({
              path: shown(childAbsolute),
              reason: `a symlink loop (it leads back to ${shown(targetReal)}, a folder it is in)`,
              hint: 'its files are indexed once, through the folder itself; remove the link or exclude it with --exclude',
            }),
          );
        }
      } else if (!target.isFile() && indexed && !matches(path)) {
        listing.skipped.push(notRegular(shown(childAbsolute), target));
      }
    }
  }

  for (const file of files) {
    const parent = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    if (isIgnoredDirectory(parent) || matches(file)) {
      listing.ignored++;
      continue;
    }
    const extension = extname(file).toLowerCase();
    if (!sourceExtensions.has(extension)) {
      const key = extension || '(none)';
      listing.otherExtensions.set(key, (listing.otherExtensions.get(key) ?? 0) + 1);
      continue;
    }
    // A link to a FIFO or device is listed like a file; the audit above already named it.
    const info = await stat(join(root, file)).catch(() => undefined);
    if (info?.isFile()) await addFile(join(root, file));
  }
}

function notRegular(path: string, info: Parameters<typeof fileKind>[0]): SkippedSourceError {
  return new SkippedSourceError({
    path,
    reason: `${fileKind(info)}, not a regular file`,
    hint: 'only regular files are read; exclude it with --exclude or remove it',
  });
}

function skippedFor(path: string, error: unknown, what = 'file'): SkippedSourceError {
  const reason = describeFileError(error) ?? (error as Error).message;
  return new SkippedSourceError({
    path,
    reason:
      what === 'folder' && reason === 'permission denied'
        ? 'cannot list this folder (permission denied)'
        : reason,
    hint:
      reason === 'permission denied'
        ? `give the user running embedkit read access to the ${what}, or exclude it with --exclude`
        : 'fix or remove it, or exclude it with --exclude',
    cause: error,
  });
}
