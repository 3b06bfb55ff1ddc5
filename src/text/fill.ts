// Placeholders in braces ({level}, {title}) in the words of a translation table, filled in with their values.

/** The template with each `{name}` that `vars` has replaced by its value; other braces stay as they are. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] !== undefined ? String(vars[k]) : m));
}
