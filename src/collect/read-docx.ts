// A returned Word packet: its content controls (w:sdt), read from word/document.xml with sax. The zip's parts are
// counted and sized from its directory before anything is inflated; a DOCTYPE is refused (no entities, no external
// references); macros and fields are never run: only the controls' tags, aliases and text are read.
import { unzipSync } from 'fflate';
import sax from 'sax';
import { RETURN_CAPS } from '../read/caps.js';
import { cleanValue, type ReadResult, type ReturnedField } from './returned.js';

const DOCUMENT = 'word/document.xml';

export function readDocxReturn(bytes: Uint8Array): ReadResult {
  let parts = 0;
  let expanded = 0;
  let hasDocument = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        parts++;
        expanded += f.originalSize;
        if (f.name === DOCUMENT) hasDocument = true;
        return false;
      },
    });
  } catch {
    return { kind: 'refused', reason: 'the Word file is damaged (not a complete .docx)' };
  }
  if (parts > RETURN_CAPS.docxEntries)
    return {
      kind: 'refused',
      reason: `the Word file has ${parts.toLocaleString('en-US')} parts; expected at most ${RETURN_CAPS.docxEntries.toLocaleString('en-US')}`,
    };
  if (expanded > RETURN_CAPS.docxExpandedBytes)
    return {
      kind: 'refused',
      reason: `the Word file expands to ${(expanded / 2 ** 20).toFixed(0)} MB; expected at most ${RETURN_CAPS.docxExpandedBytes / 2 ** 20} MB`,
    };
  if (!hasDocument) return { kind: 'byHand', reason: 'the file is not a Word document' };
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(
      unzipSync(bytes, { filter: (f) => f.name === DOCUMENT })[DOCUMENT],
    );
  } catch {
    return { kind: 'refused', reason: 'the Word file is damaged (its text cannot be read)' };
  }
  let fields: ReturnedField[];
  try {
    fields = contentControls(xml);
  } catch (e) {
    return { kind: 'refused', reason: (e as Error).message };
  }
  return fields.length
    ? { kind: 'packet', fields }
    : { kind: 'byHand', reason: 'the Word file has no form fields (not a packet, or its fields were removed)' };
}

interface Control {
  tag?: string;
  alias?: string;
  checkbox: boolean;
  date: boolean;
  checked: boolean;
  placeholder: boolean;
  text: string;
  inProps: boolean;
  inContent: boolean;
  toc: boolean;
}

/** The document's content controls in order; nested ones are read as one (their text goes to the outermost). */
function contentControls(xml: string): ReturnedField[] {
  const parser = sax.parser(true, { position: false }) as sax.SAXParser & { ondoctype: (doctype: string) => void };
  const stack: Control[] = [];
  const found: ReturnedField[] = [];
  let inText = false;
  const val = (attrs: Record<string, string>, name: string) => attrs[`${name.split(':')[0]}:val`];
  parser.ondoctype = () => {
    throw new Error('the Word file declares a DOCTYPE; expected a document saved by Word or LibreOffice');
  };
  parser.onopentag = (node) => {
    const attrs = node.attributes as Record<string, string>;
    const top = stack[stack.length - 1];
    switch (node.name) {
      case 'w:sdt':
        stack.push({
          checkbox: false,
          date: false,
          checked: false,
          placeholder: false,
          text: '',
          inProps: false,
          inContent: false,
          toc: false,
        });
        return;
      case 'w:sdtPr':
        if (top) top.inProps = true;
        return;
      case 'w:sdtContent':
        if (top) top.inContent = true;
        return;
      case 'w:t':
        inText = true;
        return;
      case 'w:tab':
        if (top?.inContent && !top.inProps) top.text += '\t';
        return;
      case 'w:br':
      case 'w:cr':
        if (top?.inContent) top.text += '\n';
        return;
    }
    if (!top?.inProps || top.inContent) return;
    if (node.name === 'w:tag') top.tag = attrs['w:val'];
    else if (node.name === 'w:alias') top.alias = attrs['w:val'];
    else if (node.name === 'w:showingPlcHdr')
      top.placeholder = val(attrs, 'w:val') !== '0' && val(attrs, 'w:val') !== 'false';
    else if (node.name === 'w14:checkbox') top.checkbox = true;
    else if (node.name === 'w:date') top.date = true;
    else if (node.name === 'w14:checked')
      top.checked = val(attrs, 'w14:val') === '1' || val(attrs, 'w14:val') === 'true';
    else if (node.name === 'w:docPartObj') top.toc = true;
  };
  parser.onclosetag = (name) => {
    const top = stack[stack.length - 1];
    if (name === 'w:t') inText = false;
    else if (name === 'w:sdtPr' && top) top.inProps = false;
    else if (name === 'w:sdt' && top) {
      stack.pop();
      const outer = stack[stack.length - 1];
      if (outer && !outer.toc) outer.text += top.text;
      else if (!top.toc && found.length < RETURN_CAPS.fields + 1) {
        // An untyped control shows its placeholder: a line of underscores, or (after LibreOffice) the same without the flag.
        const text = top.placeholder || /^[_\s]*$/.test(top.text) ? '' : top.text;
        found.push({
          name: top.tag ?? '',
          label: top.alias,
          value: top.checkbox ? (top.checked ? 'Yes' : '') : cleanValue(text, RETURN_CAPS.valueChars),
          checkbox: top.checkbox,
          date: top.date,
        });
      }
    }
  };
  parser.ontext = (t) => {
    const top = stack[stack.length - 1];
    if (inText && top?.inContent && top.text.length <= RETURN_CAPS.valueChars) top.text += t;
  };
  parser.write(xml).close();
  if (found.length > RETURN_CAPS.fields)
    throw new Error(
      `the Word file has more than ${RETURN_CAPS.fields.toLocaleString('en-US')} content controls; expected a packet`,
    );
  return found;
}
