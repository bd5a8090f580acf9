// The ownership config as people wrote it. Tuning and reverts change only
// the `tuning` list; rewriting the rest from the parsed document would drop
// the provider's comments and layout, so the text is edited in place.
import { parseDocument, stringify } from 'yaml';

/** The text with its `tuning` list replaced (added when missing, removed when empty); the document as YAML when there is no text. */
export function withTuningText(text: string | null, document: Record<string, unknown>): string {
  if (text === null) return stringify(document);
  const doc = parseDocument(text);
  // Text that no longer parses as a mapping (a default document) is written afresh.
  if (doc.errors.length > 0 || !doc.contents || !('set' in doc.contents)) return stringify(document);
  const tuning = document.tuning;
  if (Array.isArray(tuning) && tuning.length > 0) doc.set('tuning', doc.createNode(tuning));
  else doc.delete('tuning');
  return doc.toString();
}
