// A file of the web edition: its path in the site's folder and its bytes.

export interface WebFile {
  path: string;
  bytes: Uint8Array;
}
