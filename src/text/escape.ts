// Text as XML or HTML character data or attribute value: the one escaping every writer and template filler uses.

/** `&`, `<`, `>` and `"` as entities: safe in element text and in a double-quoted attribute, in XML and in HTML. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
