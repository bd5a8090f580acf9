// The old-style (NeXTSTEP) property list text that `defaults read` prints:
// { key = value; }, ( a, b ), "quoted \U00fc strings", <hex data>. Recent
// macOS prints data as `{length = 524, bytes = 0x0000 ... 0000 }`, which is
// not valid plist text; such a group is kept as an opaque string instead of
// failing the whole read.

export type PlistValue = string | PlistValue[] | { [key: string]: PlistValue };

class PlistSyntaxError extends Error {}

const BARE = /[A-Za-z0-9_$+/:.-]/;

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new PlistSyntaxError(`${what} at offset ${this.pos}`);
  }

  skipSpace(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
      if (this.text.startsWith('/*', this.pos)) {
        const end = this.text.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.text.length : end + 2;
      } else if (this.text.startsWith('//', this.pos)) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.text.length : end + 1;
      } else return;
    }
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  value(): PlistValue {
    const ch = this.peek();
    if (ch === '{') return this.dictOrOpaque();
    if (ch === '(') return this.array();
    if (ch === '<') return this.data();
    if (ch === '"' || ch === "'") return this.quoted(ch);
    if (ch !== undefined && BARE.test(ch)) return this.bare();
    return this.fail(ch === undefined ? 'unexpected end of text' : `unexpected "${ch}"`);
  }

  dictOrOpaque(): PlistValue {
    const start = this.pos;
    try {
      return this.dict();
    } catch (err) {
      if (!(err instanceof PlistSyntaxError)) throw err;
      this.pos = start;
      return this.opaqueGroup();
    }
  }

  dict(): { [key: string]: PlistValue } {
    this.expect('{');
    const out: { [key: string]: PlistValue } = {};
    for (;;) {
      const ch = this.peek();
      if (ch === '}') {
        this.pos++;
        return out;
      }
      if (ch === undefined) this.fail('unterminated dictionary');
      const key = this.value();
      if (typeof key !== 'string') this.fail('dictionary key is not a string');
      this.expect('=');
      out[key] = this.value();
      this.expect(';');
    }
  }

  /** Skips a balanced `{ … }` that is not a dictionary and returns its text. */
  opaqueGroup(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++];
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) return this.text.slice(start, this.pos);
    }
    return this.fail('unterminated group');
  }

  array(): PlistValue[] {
    this.expect('(');
    const out: PlistValue[] = [];
    for (;;) {
      if (this.peek() === ')') {
        this.pos++;
        return out;
      }
      out.push(this.value());
      const next = this.peek();
      if (next === ',') this.pos++;
      else if (next !== ')') this.fail('expected "," or ")"');
    }
  }

  data(): string {
    const end = this.text.indexOf('>', this.pos);
    if (end < 0) this.fail('unterminated data');
    const s = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    return s;
  }

  quoted(q: string): string {
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === q) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.text[this.pos++];
      if (esc === 'U' || esc === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(this.text.slice(this.pos));
        if (hex) {
          out += String.fromCharCode(parseInt(hex[0], 16));
          this.pos += 4;
          continue;
        }
      }
      if (esc !== undefined && /[0-7]/.test(esc)) {
        const oct = /^[0-7]{0,2}/.exec(this.text.slice(this.pos))![0];
        out += String.fromCharCode(parseInt(esc + oct, 8));
        this.pos += oct.length;
        continue;
      }
      out += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : (esc ?? '');
    }
    return this.fail('unterminated string');
  }

  bare(): string {
    const start = this.pos;
    while (this.pos < this.text.length && BARE.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

/** Parses `defaults read` text; throws an Error naming the offset when it is not plist text. */
export function parseOldStylePlist(text: string): PlistValue {
  const reader = new Reader(text.replace(/^\uFEFF/, ''));
  const value = reader.value();
  if (reader.peek() !== undefined) reader.fail('text after the end of the property list');
  return value;
}

/** Looks a key up ignoring case and underscores (`SnapshotDates`, `SNAPSHOT_DATES`). */
export function plistGet(dict: PlistValue | undefined, key: string): PlistValue | undefined {
  if (dict === undefined || typeof dict === 'string' || Array.isArray(dict)) return undefined;
  const want = key.replace(/_/g, '').toLowerCase();
  for (const [k, v] of Object.entries(dict)) {
    if (k.replace(/_/g, '').toLowerCase() === want) return v;
  }
  return undefined;
}
