/**
 * Not a module: the layer tsconfigs (shared/, renderer/, electron/…) map the packages a layer must not use
 * to this file, which no project lists. Importing one of them fails `npm run typecheck` at the import with
 * TS6307 ("…forbidden-import.ts is not listed within the file list of project…"). See STYLE.md §1 and the
 * layering picture in CONTRIBUTING.md.
 */
export {};
