// Checks a template against the field catalog before it is ever used: it
// must compile, name only fields that exist, and open sections only over
// lists and flags (a section over a text would silently repeat or vanish).
// Pure: the answer is a list of problems, empty when the template is fine.
import { Mustache } from './mustache.js';
import { FIELD_NAMES, TEMPLATE_FIELDS } from './template-fields.js';
import type { FieldSpec } from './template-fields.js';

type Token = [string, string, number, number, Token[]?, ...unknown[]];

export const knownFieldsText = (): string => FIELD_NAMES.join(', ');

interface Scope {
  list: string;
  item: Record<string, string>;
}

type Found = { where: 'root'; spec: FieldSpec } | { where: 'item'; list: string };

function lookup(name: string, scopes: Scope[]): Found | null {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!;
    // Mustache looks a dotted name up by its first part in the innermost context that has it.
    if (name in s.item || name.split('.')[0]! in s.item) return name in s.item ? { where: 'item', list: s.list } : null;
  }
  const spec = TEMPLATE_FIELDS[name];
  return spec ? { where: 'root', spec } : null;
}

export function checkTemplate(text: string): string[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(text) as Token[];
  } catch (err) {
    return [`does not compile: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  const unknown = (name: string, scopes: Scope[]) => {
    const inner = scopes[scopes.length - 1];
    const itemFields = inner ? `; inside {{#${inner.list}}} also ${Object.keys(inner.item).join(', ')}` : '';
    problems.push(`unknown field "${name}"; known fields: ${knownFieldsText()}${itemFields}`);
  };
  const walk = (list: Token[], scopes: Scope[]) => {
    for (const t of list) {
      const [type, name] = t;
      if (type === 'text' || type === '!' || type === '=') continue;
      if (type === '>') {
        problems.push(`partials ({{> ${name}}}) are not supported`);
        continue;
      }
      const found = lookup(name, scopes);
      if (type === 'name' || type === '&') {
        if (name === '.' && scopes.length > 0) continue;
        if (!found) unknown(name, scopes);
        else if (found.where === 'root' && found.spec.kind === 'list') problems.push(`field "${name}" is a list: use {{#${name}}}…{{/${name}}}`);
        continue;
      }
      // '#' and '^': sections.
      if (!found) {
        unknown(name, scopes);
        continue;
      }
      if (found.where === 'item' || found.spec.kind === 'text') {
        problems.push(`section {{${type}${name}}} is over "${name}", which is text, not a list or a flag`);
        continue;
      }
      const children = t[4] ?? [];
      walk(children, found.spec.kind === 'list' && type === '#' ? [...scopes, { list: name, item: found.spec.item ?? {} }] : scopes);
    }
  };
  walk(tokens, []);
  return [...new Set(problems)];
}
