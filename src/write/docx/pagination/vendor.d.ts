// The little of fontkit and sax the paginator uses (neither ships its own types).
declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    hhea: { ascent: number; descent: number; lineGap: number };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
    characterSet: number[];
    hmtx: { metrics: { length: number; get(index: number): { advance: number } } };
  }
  export function create(buffer: Buffer): Font;
}
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  export interface SAXParser {
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    onerror: (e: Error) => void;
    ondoctype: (doctype: string) => void;
    write(xml: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(
    strict: boolean,
    options?: { trim?: boolean; normalize?: boolean; position?: boolean },
  ): SAXParser;
}
