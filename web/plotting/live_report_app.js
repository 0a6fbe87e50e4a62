// The page side of the live report (web/plotting/live_report.js). The report inlines this
// function's source (Function.prototype.toString), so it must not use anything from its module:
// no imports, no outer variables, except halfToFloat and topicCentroids, which live_report.js
// inlines before it (web/engine/embeddings.js's and live_search.js's: one copy of each). It runs in the recipient's browser, offline: it reads the
// embedded data, starts the single-threaded engine from the embedded wasm (no threads, so no
// COOP/COEP headers are needed, and file:// works), restores the model from its saved files, and
// keeps the topic table, topic words, documents per topic and search in step with it.
//
// `ids`: the ids of the <script> elements holding the data (JSON), the model zip, the engine
// loader and the wasm, each gzipped and base64-encoded, and with semanticSearch the restricted
// static embedding model and the documents' embeddings (half floats; live_search.js). The table
// shows before the engine starts.
export function liveReportApp(ids) {
  const $ = (id) => document.getElementById(id);
  const status = (text) => { $('status').textContent = text; };
  const base64Bytes = (text) => {
    const binary = atob(text.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes;
  };
  // Every part is gzipped (the wasm shrinks 3x), then base64: the browser's DecompressionStream.
  const gunzip = async (id) => $(id) && new Uint8Array(await new Response(new Blob([base64Bytes($(id).textContent)]).stream()
    .pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  const ready = (async () => {
    status('Reading the report…');
    const parts = await Promise.all([ids.data, ids.model, ids.loader, ids.wasm, ids.searchModel, ids.searchEmbeddings].map(gunzip));
    return main(JSON.parse(new TextDecoder().decode(parts[0])), ...parts.slice(1));
  })();
  ready.catch((error) => status(`The report could not start: ${error.message}`));
  // Settles when the engine is ready (tests and scripts wait for it).
  window.topicwasmLiveReport = ready;

  async function main(data, modelZip, loaderBytes, wasm, searchModel, searchHalf) {
    const docs = data.documents; // null unless the report was built with includeDocuments
    // nearest: the search by meaning's result for the query ({topics, docs}), or null.
    const state = { rows: data.info, topicWords: data.topicWords, documentTopics: data.documentTopics, selected: null, query: '', nearest: null };
    let semantic = null; // {embed(text) -> Float32Array | null, centroids() -> Map topic -> unit vector}, once the engine runs

    // Our own zip writer stores entries uncompressed: each file is a slice of the archive.
    function zipEntries(bytes) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const files = {};
      for (let pos = 0; pos + 30 <= bytes.length && view.getUint32(pos, true) === 0x04034b50;) {
        const method = view.getUint16(pos + 8, true);
        const size = view.getUint32(pos + 18, true);
        const nameLength = view.getUint16(pos + 26, true);
        const extra = view.getUint16(pos + 28, true);
        const name = new TextDecoder().decode(bytes.subarray(pos + 30, pos + 30 + nameLength));
        const start = pos + 30 + nameLength + extra;
        if (method !== 0) throw new Error(`model zip: ${name} is compressed (the live report writes stored entries)`);
        files[name] = bytes.subarray(start, start + size);
        pos = start + size;
      }
      return files;
    }

    // The engine's restore spec, as readModelFiles built it; typed arrays travel as base64, the
    // safetensors files as references into the model zip.
    function restoreSpec() {
      const files = zipEntries(modelZip);
      const types = { Int32Array, Uint32Array, Float64Array, Uint8Array };
      const spec = {};
      let vocabulary = null;
      for (const [key, value] of Object.entries(data.spec)) {
        if (value && value.file) spec[key] = files[value.file].slice();
        else if (value && value.vocabulary) {
          if (!vocabulary) {
            // ctfidf_config.json's vocab maps each term to its column.
            const vocab = JSON.parse(new TextDecoder().decode(files[value.vocabulary])).vectorizer_model.vocab;
            const terms = [];
            for (const [term, column] of Object.entries(vocab)) terms[column] = term;
            vocabulary = encodeDocuments(terms);
          }
          spec[key] = key === 'vocabularyUtf8' ? vocabulary.utf8 : vocabulary.offsets;
        }
        else if (value && value.typed) {
          const bytes = base64Bytes(value.base64);
          spec[key] = new types[value.typed](bytes.buffer, 0, bytes.length / types[value.typed].BYTES_PER_ELEMENT);
        } else spec[key] = value;
      }
      return spec;
    }

    function encodeDocuments(texts) {
      const encoder = new TextEncoder();
      const parts = texts.map((d) => encoder.encode(d));
      const offsets = new Uint32Array(texts.length + 1);
      let total = 0;
      parts.forEach((p, i) => { offsets[i] = total; total += p.length; });
      offsets[texts.length] = total;
      const utf8 = new Uint8Array(total);
      parts.forEach((p, i) => utf8.set(p, offsets[i]));
      return { utf8, offsets };
    }

    const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

    function matches(row) {
      const q = state.query;
      if (!q) return true;
      if (state.nearest?.topics.some((t) => t.topic === row.Topic)) return true;
      return row.Name.toLowerCase().includes(q) || row.Representation.some((w) => w.toLowerCase().includes(q));
    }

    function renderTable() {
      const max = Math.max(1, ...state.rows.map((r) => r.Count));
      $('topics-body').innerHTML = state.rows.map((row) => `<tr data-topic="${row.Topic}" class="${matches(row) ? '' : 'hidden'}${row.Topic === state.selected ? ' selected' : ''}">` +
        `<td>${row.Topic}</td><td>${row.Count}</td><td><span class="size" style="width:${(100 * row.Count / max).toFixed(1)}%"></span></td>` +
        `<td>${escape(row.Name)}</td><td>${escape(row.Representation.join(', '))}</td></tr>`).join('\n');
      const topics = state.rows.filter((r) => r.Topic !== -1).length;
      const outliers = state.rows.find((r) => r.Topic === -1)?.Count ?? 0;
      $('summary').textContent = `${data.nDocuments} documents, ${topics} topics, ${outliers} outlier documents (topic -1).`;
    }

    // The selected topic's words as horizontal bars (c-TF-IDF scores), and its documents.
    function renderTopic() {
      const panel = $('topic-panel');
      const topic = state.selected;
      const row = state.rows.find((r) => r.Topic === topic);
      if (topic === null || !row) {
        panel.hidden = true;
        return;
      }
      panel.hidden = false;
      $('topic-heading').textContent = `Topic ${topic}: ${row.Name}`;
      const words = state.topicWords[String(topic)] ?? [];
      const top = Math.max(1e-12, ...words.map((w) => w[1]));
      $('topic-words').innerHTML = words.map(([word, score]) => `<div class="bar"><span class="word">${escape(word)}</span>` +
        `<span class="fill" style="width:${(100 * score / top).toFixed(1)}%"></span><span class="score">${score.toFixed(3)}</span></div>`).join('');
      if (!docs) {
        $('topic-docs').innerHTML = '<p class="note">The documents were not embedded in this report (buildReport\'s includeDocuments option).</p>';
        return;
      }
      const members = [];
      state.documentTopics.forEach((t, i) => { if (t === topic) members.push(i); });
      const shown = members.slice(0, data.maxDocuments);
      $('topic-docs').innerHTML = `<p>${members.length} documents${shown.length < members.length ? `, the first ${shown.length} shown` : ''}:</p>` +
        `<ol>${shown.map((i) => `<li class="doc" data-index="${i}">${escape(docs[i])}</li>`).join('')}</ol>`;
    }

    function renderSearch() {
      const out = $('search-results');
      const q = state.query;
      if (!q) {
        out.innerHTML = '';
        return;
      }
      if (semantic) return renderNearest(out, q);
      const topics = state.rows.filter(matches).length;
      if (!docs) {
        out.textContent = `${topics} topics match "${q}".`;
        return;
      }
      const hits = [];
      docs.forEach((d, i) => { if (d.toLowerCase().includes(q)) hits.push(i); });
      const shown = hits.slice(0, data.maxDocuments);
      out.innerHTML = `<p>${topics} topics and ${hits.length} documents match "${escape(q)}"${shown.length < hits.length ? ` (the first ${shown.length} documents shown)` : ''}.</p>` +
        `<ol>${shown.map((i) => `<li class="hit" data-index="${i}"><span class="tag">topic ${state.documentTopics[i]}</span> ${escape(docs[i])}</li>`).join('')}</ol>`;
    }

    // Search by meaning: the topics nearest the query (cosine to their centroids) and, with the
    // documents, the documents nearest it, marked when they contain its text.
    function rank(q) {
      const v = semantic.embed(q);
      if (!v) return { topics: [], docs: [], unknown: true };
      const cosine = (u, offset = 0) => {
        let s = 0;
        for (let k = 0; k < v.length; ++k) s += v[k] * u[offset + k];
        return s;
      };
      const topics = [...semantic.centroids()].map(([topic, c]) => ({ topic, similarity: cosine(c) }))
        .sort((a, b) => b.similarity - a.similarity || a.topic - b.topic).slice(0, 3);
      const near = [];
      if (semantic.documents) {
        for (let i = 0; i < data.nDocuments; ++i) near.push({ index: i, similarity: semantic.norms[i] ? cosine(semantic.documents, i * v.length) / semantic.norms[i] : 0 });
        near.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
      }
      return { topics, docs: near.slice(0, 20), unknown: false };
    }

    function renderNearest(out, q) {
      const { topics, docs: near, unknown } = state.nearest;
      const name = (t) => state.rows.find((r) => r.Topic === t);
      const literal = state.rows.filter((row) => row.Name.toLowerCase().includes(q) || row.Representation.some((w) => w.toLowerCase().includes(q))).length;
      const contains = docs ? docs.filter((d) => d.toLowerCase().includes(q)).length : 0;
      out.innerHTML = (unknown ? `<p class="note">No word of "${escape(q)}" occurs in the documents: nothing to compare by meaning.</p>`
        : `<p>Topics nearest "${escape(q)}" in meaning:</p><ol id="nearest-topics">${topics.map((t) => `<li data-topic="${t.topic}">Topic ${t.topic} ` +
          `(similarity ${t.similarity.toFixed(2)}): ${escape(name(t.topic)?.Name ?? '')}</li>`).join('')}</ol>`) +
        `<p>${literal} topics${docs ? ` and ${contains} documents` : ''} contain "${escape(q)}"${near.length ? '; the documents nearest in meaning (marked: they contain it):' : '.'}</p>` +
        (near.length ? `<ol>${near.map(({ index, similarity }) => `<li class="hit near${docs[index].toLowerCase().includes(q) ? ' literal' : ''}" data-index="${index}">` +
          `<span class="tag">topic ${state.documentTopics[index]}, ${similarity.toFixed(2)}</span> ${escape(docs[index])}</li>`).join('')}</ol>` : '');
    }

    const render = () => {
      state.nearest = semantic && state.query ? rank(state.query) : null;
      renderTable(); renderTopic(); renderSearch();
    };

    $('topics-body').addEventListener('click', (event) => {
      const tr = event.target.closest('tr[data-topic]');
      if (!tr) return;
      state.selected = Number(tr.dataset.topic);
      render();
    });
    $('search-results').addEventListener('click', (event) => {
      const li = event.target.closest('#nearest-topics li[data-topic]');
      if (!li) return;
      state.selected = Number(li.dataset.topic);
      render();
    });
    $('search').addEventListener('input', () => {
      state.query = $('search').value.trim().toLowerCase();
      render();
    });
    $('download-model').addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([modelZip], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'topic-model.zip';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    });
    render();

    // The engine: the single-threaded build's ES module loader from a blob: URL, its wasm passed in
    // as bytes (nothing is fetched).
    status('Starting the engine…');
    const url = URL.createObjectURL(new Blob([loaderBytes], { type: 'text/javascript' }));
    // The magic comments keep bundlers from resolving this page-side import (it runs in the report).
    const { default: create } = await import(/* webpackIgnore: true */ /* @vite-ignore */ url);
    // locateFile: the loader would resolve the .wasm against its blob: URL, which has no path.
    const engine = await create({ threads: 1, wasmBinary: wasm, locateFile: (path) => path });
    engine.setThreadLimit(1);
    if (searchModel) {
      semantic = searcher(engine);
      render(); // a query typed while the engine started is now searched by meaning too
    }
    const spec = restoreSpec();
    const encoded = docs ? encodeDocuments(docs) : null;
    let core = null;
    // The static embedding model (restricted to the documents' words) and the documents' half-float
    // embeddings; topic centroids follow the current topics (reduced or as saved).
    function searcher(engine) {
      const embedder = new engine.StaticEmbedder(searchModel, { maxTokens: 512, normalize: true });
      const dim = data.search.dim;
      const documents = searchHalf && halfToFloat(searchHalf);
      const norms = documents && Float32Array.from({ length: data.nDocuments }, (_, i) => Math.hypot(...documents.subarray(i * dim, (i + 1) * dim)));
      const saved = data.search.centroids && new Map(Object.entries(data.search.centroids).map(([t, b]) => [Number(t), halfToFloat(base64Bytes(b))]));
      let cache = null;
      return {
        documents, norms,
        embed(text) {
          const { utf8, offsets } = encodeDocuments([text]);
          const v = embedder.embed(utf8, offsets).data;
          return v.some((x) => x !== 0) ? v : null;
        },
        centroids() {
          if (!documents) return saved;
          if (cache?.topics === state.documentTopics) return cache.centroids;
          const sums = topicCentroids(documents, dim, state.documentTopics);
          cache = { topics: state.documentTopics, centroids: sums };
          return sums;
        },
      };
    }

    // nrTopics null: the model as saved; otherwise BERTopic's reduce_topics on a fresh restore, so
    // the count can go up again after it went down.
    function apply(nrTopics) {
      const next = new engine.TopicModelCore(data.options);
      try {
        next.restore(spec);
        if (nrTopics !== null) next.reduceTopics(encoded.utf8, encoded.offsets, nrTopics, false);
      } catch (error) {
        next.delete();
        throw error;
      }
      core?.delete();
      core = next;
      // As saved: the saved rows (custom labels included); reduced: the engine's new topics.
      state.rows = nrTopics === null ? data.info
        : core.topicInfo().map((r) => ({ Topic: r.Topic, Count: r.Count, Name: r.Name, Representation: r.Representation }));
      state.topicWords = nrTopics === null ? data.topicWords : Object.fromEntries(state.rows.map((r) => [String(r.Topic), core.topic(r.Topic)]));
      state.documentTopics = Array.from(core.documentTopics());
      if (!state.rows.some((r) => r.Topic === state.selected)) state.selected = null;
      render();
    }
    const input = $('nr-topics');
    const button = $('apply-nr-topics');
    if (!docs) {
      status('Changing the number of topics needs the documents, which this report does not hold.');
      return { apply };
    }
    input.disabled = false;
    button.disabled = false;
    $('reset-topics').disabled = false;
    button.addEventListener('click', () => {
      const n = Number(input.value);
      if (!Number.isInteger(n) || n < 2) {
        status(`The number of topics must be an integer of at least 2 (counting the outlier topic -1), got "${input.value}".`);
        return;
      }
      const started = performance.now();
      try {
        apply(n);
        status(`${state.rows.length} topics (reduced in ${Math.round(performance.now() - started)} ms).`);
      } catch (error) {
        status(`Could not reduce the topics: ${error.message}`);
      }
    });
    $('reset-topics').addEventListener('click', () => {
      apply(null);
      status('The topics as saved.');
    });
    status(`Ready: the engine runs in this page, offline${semantic ? '; search finds topics and documents by meaning' : ''}.`);
    return { apply };
  }
}
