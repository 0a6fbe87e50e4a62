// TEST ORACLE, not part of the package: a second, independent BERT WordPiece tokenizer in
// JavaScript with the same rules as src/text/wordpiece.cpp (Hugging Face `tokenizers`'
// BertNormalizer + BertPreTokenizer + WordPiece + "[CLS] A [SEP]"), kept so that the tests can
// check the engine's tokenizer against it. Reads a tokenizer.json.
//
// Differences from the JavaScript `@huggingface/tokenizers` package, where we follow the Rust
// library that sentence-transformers runs: lowercasing is per code point (no Greek final-sigma
// rule), and CJK ideographs outside the Basic Multilingual Plane are split like the others.

import { withDefaults } from '../../web/engine/options.js';

const CONTROL = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;
const WHITESPACE = /^[\t\n\r\p{Zs}\p{Zl}\p{Zp}]$/u;
const PUNCTUATION = /^[\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E]$/u;
const NONSPACING = /\p{Mn}/gu;

function isCjk(c) {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b73f) || (c >= 0x2b740 && c <= 0x2b81f) || (c >= 0x2b920 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

export class WordPieceTokenizer {
  // json: tokenizer.json as a string or parsed object. maxLength counts [CLS] and [SEP]; 0 = none.
  constructor(json, options) {
    const { maxLength } = withDefaults(options, { maxLength: 256 }, 'WordPieceTokenizer');
    const t = typeof json === 'string' ? JSON.parse(json) : json;
    if (!t || typeof t !== 'object' || !t.model || typeof t.model.vocab !== 'object')
      throw new Error('tokenizer.json has no model.vocab');
    if (t.model.type && t.model.type !== 'WordPiece')
      throw new Error(`tokenizer.json: model type "${t.model.type}" is not supported (only WordPiece)`);
    if (maxLength !== 0 && !(Number.isInteger(maxLength) && maxLength >= 2))
      throw new Error('maxLength must be 0 or an integer >= 2');
    this.vocab = new Map(Object.entries(t.model.vocab));
    this.unk = t.model.unk_token ?? '[UNK]';
    this.prefix = t.model.continuing_subword_prefix ?? '##';
    this.maxChars = t.model.max_input_chars_per_word ?? 100;
    const n = t.normalizer;
    if (n && n.type !== 'BertNormalizer') throw new Error('tokenizer.json: only the BertNormalizer normalizer is supported');
    this.cleanText = n ? n.clean_text ?? true : false;
    this.chinese = n ? n.handle_chinese_chars ?? true : false;
    this.lowercase = n ? n.lowercase ?? true : false;
    this.stripAccents = n ? n.strip_accents ?? this.lowercase : false;
    if (t.pre_tokenizer && t.pre_tokenizer.type !== 'BertPreTokenizer')
      throw new Error('tokenizer.json: only the BertPreTokenizer pre-tokenizer is supported');
    let cls = '[CLS]';
    let sep = '[SEP]';
    const post = t.post_processor;
    if (post && post.type === 'TemplateProcessing') {
      const specials = (post.single ?? []).filter((p) => p.SpecialToken).map((p) => p.SpecialToken.id);
      if (specials.length !== 2) throw new Error('tokenizer.json: post-processor template is not "[CLS] $A [SEP]"-shaped');
      [cls, sep] = specials;
    } else if (post && post.type === 'BertProcessing') {
      [cls, sep] = [post.cls[0], post.sep[0]];
    } else if (post) {
      throw new Error(`tokenizer.json: post-processor "${post.type}" is not supported`);
    }
    this.added = (t.added_tokens ?? []).filter((a) => !a.normalized).map((a) => [a.content, a.id]);
    this.added.sort((a, b) => b[0].length - a[0].length);
    this.addedFirst = new Set(this.added.map(([content]) => String.fromCodePoint(content.codePointAt(0))));
    for (const [content, id] of this.added) if (!this.vocab.has(content)) this.vocab.set(content, id);
    const id = (token, what) => {
      const v = this.vocab.get(token);
      if (v === undefined) throw new Error(`tokenizer vocabulary has no ${what} token '${token}'`);
      return v;
    };
    this.unkId = id(this.unk, 'unknown');
    this.clsId = id(cls, 'classifier');
    this.sepId = id(sep, 'separator');
    this.maxLength = maxLength;
  }

  // Ids of one document, [CLS] ... [SEP], truncated to maxLength.
  encode(text) {
    const limit = this.maxLength === 0 ? Infinity : this.maxLength - 2;
    const out = [this.clsId];
    this.#pieces(String(text), out, limit + 1);
    out.push(this.sepId);
    return out;
  }

  // All documents: {ids: Int32Array (concatenated), lengths: Int32Array}.
  encodeBatch(texts) {
    const all = [];
    const lengths = new Int32Array(texts.length);
    texts.forEach((t, i) => {
      const ids = this.encode(t);
      lengths[i] = ids.length;
      for (const v of ids) all.push(v);
    });
    return { ids: Int32Array.from(all), lengths };
  }

  #pieces(text, out, limit) {
    let word = '';
    const full = () => out.length >= limit;
    const flush = () => {
      if (word && !full()) this.#wordpiece(word, out);
      word = '';
    };
    const feed = (ch) => {
      const c = ch.codePointAt(0);
      if (this.cleanText) {
        if (c === 0 || c === 0xfffd || (c !== 9 && c !== 10 && c !== 13 && CONTROL.test(ch))) return;
        if (WHITESPACE.test(ch)) ch = ' ';
      }
      let s = this.chinese && isCjk(c) ? ` ${ch} ` : ch;
      if (this.stripAccents && c >= 0x80) s = s.normalize('NFD').replace(NONSPACING, '');
      if (this.lowercase) s = [...s].map((x) => x.toLowerCase()).join('');
      for (const x of s) {
        if (WHITESPACE.test(x)) flush();
        else if (PUNCTUATION.test(x)) {
          flush();
          word = x;
          flush();
        } else word += x;
      }
    };
    const chars = [...text].map((c) => (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '\ufffd' : c));
    for (let i = 0; i < chars.length && !full(); ) {
      const match = this.addedFirst.has(chars[i]) && this.added.find(([content]) => this.#startsWith(chars, i, content));
      if (match) {
        flush();
        if (!full()) out.push(match[1]);
        i += [...match[0]].length;
      } else {
        feed(chars[i]);
        ++i;
      }
    }
    flush();
    if (out.length > limit) out.length = limit;
  }

  #startsWith(chars, i, content) {
    let k = i;
    for (const c of content) if (chars[k++] !== c) return false;
    return true;
  }

  #wordpiece(word, out) {
    const chars = [...word];
    if (chars.length > this.maxChars) {
      out.push(this.unkId);
      return;
    }
    const first = out.length;
    for (let start = 0; start < chars.length; ) {
      let end = chars.length;
      let id;
      for (; end > start; --end) {
        const piece = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
        id = this.vocab.get(piece);
        if (id !== undefined) break;
      }
      if (id === undefined) {
        out.length = first;
        out.push(this.unkId);
        return;
      }
      out.push(id);
      start = end;
    }
  }
}
