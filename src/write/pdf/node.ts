// A pdfmake document node: pdfmake's own types do not describe the keys this writer adds (pdfTag, tocItem, …).

export type Node = any;
