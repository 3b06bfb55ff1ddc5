/** The hash of the code: every file of src/ and patches/, and package-lock.json, by path and content. */
export function codeKey(root: string): string;
/** The folder of the compiled copy of `root`'s src/, made if needed; null when it cannot be. */
export function codeCopy(root: string): string | null;
/** The commands (src/cli/<command>.ts), each an entry of the copy. */
export const COMMANDS: readonly string[];
/** Where V8 keeps the copy's compiled code between runs (module.enableCompileCache), inside the copy. */
export const COMPILE_CACHE: string;
/** The root of the finished copy that holds `dir` (a folder of its code), or null. */
export function copyRootOf(dir: string): string | null;
/** Keeps V8's compiled code of the copy in the copy (module.enableCompileCache); nothing when it cannot. */
export function useCompileCache(copyDir: string): void;
/** Writes what this thread compiled to the cache now. */
export function flushCompiled(): void;
