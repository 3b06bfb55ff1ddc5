// A pdfmake document node: pdfmake's own types do not describe the keys this writer adds (pdfTag, tocItem, …).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;
