// A returned PDF packet: its AcroForm values, read with pdf-lib as text. Nothing in the file runs: pdf-lib executes no
// JavaScript and follows no action; only field names, labels (/TU) and values (/V) are read.
import {
  PDFCheckBox,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  PDFTextField,
  EncryptedPDFError,
} from '@cantoo/pdf-lib';
import '../pdf/fast-objects.js'; // pdf-lib's names, numbers and references made cheaper (once per thread)
import { RETURN_CAPS } from '../read/caps.js';
import { cleanValue, type ReadResult, type ReturnedField } from './returned.js';

const ENCRYPTED = 'the PDF is encrypted (password-protected); ask the applicant for an unprotected copy';

export async function readPdfReturn(bytes: Uint8Array): Promise<ReadResult> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (e) {
    // An encrypted file's streams do not parse as plain objects: the second load tells it from a damaged one.
    const encrypted =
      e instanceof EncryptedPDFError ||
      (await PDFDocument.load(bytes, { updateMetadata: false }).then(
        () => false,
        (again) => again instanceof EncryptedPDFError,
      ));
    if (encrypted) return { kind: 'refused', reason: ENCRYPTED };
    return { kind: 'refused', reason: 'the PDF is damaged and cannot be read' };
  }
  if (doc.isEncrypted) return { kind: 'refused', reason: ENCRYPTED };
  let all;
  try {
    all = doc.getForm().getFields();
  } catch {
    return { kind: 'refused', reason: 'the PDF form is damaged and cannot be read' };
  }
  if (all.length > RETURN_CAPS.fields)
    return {
      kind: 'refused',
      reason: `the PDF has ${all.length.toLocaleString('en-US')} form fields; expected a packet of at most ${RETURN_CAPS.fields.toLocaleString('en-US')}`,
    };
  const fields: ReturnedField[] = [];
  for (const f of all) {
    const tu = f.acroField.dict.lookup(PDFName.of('TU'));
    const label = tu instanceof PDFString || tu instanceof PDFHexString ? tu.decodeText() : undefined;
    const name = f.getName();
    if (f instanceof PDFCheckBox) fields.push({ name, label, value: f.isChecked() ? 'Yes' : '', checkbox: true });
    else if (f instanceof PDFTextField)
      fields.push({ name, label, value: cleanValue(f.getText() ?? '', RETURN_CAPS.valueChars), checkbox: false });
  }
  return fields.length
    ? { kind: 'packet', fields }
    : { kind: 'byHand', reason: 'the PDF has no form fields (printed and scanned, or flattened)' };
}
