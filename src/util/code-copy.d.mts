/** The hash of the code: every file of src/ and patches/, and package-lock.json, by path and content. */
export function codeKey(root: string): string;
/** The folder of the compiled copy of `root`'s src/, made if needed; null when it cannot be. */
export function codeCopy(root: string): string | null;
