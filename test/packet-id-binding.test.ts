// The packet id is bound when a packet is assembled (compose/read-only-values.ts): its forms chapter is laid out once
// for every edition, in PDF and in Word, and each packet's read-only packet_id field still holds its own value, any
// characters written as pdf-lib's setText writes them (a UTF-16 text string) and as the Word writer writes runs.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { PDFContext, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { composePacket, fieldName, PACKET_ID_FIELD } from '../src/compose/packet.js';
import type { Block, Document } from '../src/compose/tree.js';
import { resolveEdition } from '../src/editions/edition.js';
import { loadSource } from '../src/editions/source.js';
import { bareContext, type RenderContext } from '../src/write/context.js';
import { writeDocx } from '../src/write/docx/write-docx.js';
import { writePdf } from '../src/write/pdf/document.js';
import { readFileSync } from 'node:fs';
import { manifest, outFile } from './helpers/built.js';
import { decodeXml } from './helpers/docx.js';
import { openPdf } from './helpers/pdf.js';

const fieldOf = (level: number) => fieldName(`packet.l${level}.application`, PACKET_ID_FIELD);
const FIELD = fieldOf(1);
/** A value with what a text string must carry: accents, parentheses, a backslash, quotes, markup, Hebrew, Han, an emoji. */
const ODD = 'edition=ünïcode (a\\b) "q" <&> שלום 東京 \u{1F600}; level=1';

/** The document with its packet id replaced. */
function withPacketId(doc: Document, value: string): Document {
  const parts = doc.parts.map((p) =>
    p.kind !== 'chapter'
      ? p
      : {
          ...p,
          blocks: p.blocks.map((b): Block =>
            b.kind === 'form' ? { ...b, rows: b.rows.map((r) => r.map((f) => (f.readOnly ? { ...f, value } : f))) } : b,
          ),
        },
  );
  return { ...doc, parts };
}

async function packetIdOf(pdf: Uint8Array, name = FIELD): Promise<unknown> {
  const doc = await openPdf(pdf.slice());
  const fields = await doc.getFieldObjects();
  await doc.loadingTask.destroy();
  const field = (fields as unknown as Map<string, { value: unknown }[]> | null)?.get(name);
  // The field, then its widget, which carries the value (and says no one types into it).
  const widget = field?.find((f) => 'value' in f) as { value: unknown; editable: boolean } | undefined;
  expect(widget?.editable).toBe(false);
  return widget?.value;
}

/** The text of the Word packet's packet_id content control. */
function wordPacketId(docx: Uint8Array, name = FIELD): string {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']);
  const sdt = xml.split('</w:sdt>').find((s) => s.includes(`<w:tag w:val="${name}"/>`))!;
  const content = sdt.slice(sdt.indexOf('<w:sdtContent>'));
  return [...content.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
}

const docs: Record<string, Document> = {};
const pdfs: Record<string, Uint8Array> = {};
const words: Record<string, Uint8Array> = {};
const trace: string[] = [];
let objectRefLookups = 0;

beforeAll(async () => {
  const tree = loadSource(process.cwd());
  for (const id of ['michigan', 'new-mexico']) {
    const edition = resolveEdition(
      tree,
      tree.editions.find((e) => e.id === id)!,
    );
    const level = edition.guidelines.levels.find((l) => l.level === 1)!;
    docs[id] = composePacket(edition, level, tree.packetTemplate).document;
  }
  docs.odd = withPacketId(docs.michigan, ODD);
  // One run for all three, as a forced build's thread: nothing kept from before it.
  const ctx: RenderContext = { ...bareContext(), trace: (line) => trace.push(line) };
  // pdf-lib's getObjectRef copies and searches every object of the document: once per field, it cost a packet's
  // hundreds of fields about 100 MB of garbage a build.
  const lookups = vi.spyOn(PDFContext.prototype, 'getObjectRef');
  for (const [id, doc] of Object.entries(docs)) {
    pdfs[id] = (await writePdf(doc, ctx)).bytes;
    words[id] = await writeDocx(doc, ctx);
  }
  objectRefLookups = lookups.mock.calls.length;
  lookups.mockRestore();
}, 120_000);

describe('the packet id, bound at assembly', () => {
  it('lays the forms chapter out once for several editions, in PDF and in Word', () => {
    expect(trace.filter((l) => /^part chapter packet\.l1\.forms /.test(l))).toHaveLength(1);
    expect(trace.filter((l) => l === 'docx part packet.l1.forms made')).toHaveLength(1);
  });

  it("finds each field's widget without searching the document's objects", () => {
    expect(objectRefLookups).toBe(0);
  });

  it("gives each edition's PDF packet its own packet id", async () => {
    expect(await packetIdOf(pdfs.michigan)).toBe('edition=michigan; level=1');
    expect(await packetIdOf(pdfs['new-mexico'])).toBe('edition=new-mexico; level=1');
    expect(await packetIdOf(pdfs.odd)).toBe(ODD);
  });

  it("writes the value as pdf-lib's setText does, whatever its characters", async () => {
    const made = await PDFDocument.create();
    const field = made.getForm().createTextField('x');
    field.setText(ODD);
    const expected = field.acroField.dict.get(PDFName.of('V'))!.toString();
    expect(expected).toMatch(/^<FEFF[0-9A-F]+>$/);
    expect(Buffer.from(pdfs.odd).toString('latin1')).toContain(`/V${expected}`);
  });

  it("gives each edition's Word packet its own packet id, its characters escaped", () => {
    expect(wordPacketId(words.michigan)).toBe('edition=michigan; level=1');
    expect(wordPacketId(words['new-mexico'])).toBe('edition=new-mexico; level=1');
    expect(wordPacketId(words.odd)).toBe(ODD);
    // Hebrew and Han in runs that name their script's font, as the writer marks typed text.
    const xml = strFromU8(unzipSync(words.odd)['word/document.xml']);
    expect(xml).toContain('&lt;&amp;&gt;');
    expect(xml).toMatch(/<w:rFonts w:cs="Noto Sans Hebrew"\/><w:rtl\/><\/w:rPr><w:t[^>]*>שלום/);
  });
});

describe("the build's packets", () => {
  it('each carry their own edition and level as packet id, in PDF and in Word', async () => {
    const packets = manifest().files.filter((f) => f.kind === 'packet');
    expect(packets).toHaveLength(32);
    for (const f of packets) {
      const bytes = new Uint8Array(readFileSync(outFile(f.path)));
      const expected = `edition=${f.edition}; level=${f.level}`;
      const found =
        f.format === 'pdf' ? await packetIdOf(bytes, fieldOf(f.level!)) : wordPacketId(bytes, fieldOf(f.level!));
      expect(found, f.path).toBe(expected);
    }
  }, 60_000);
});
