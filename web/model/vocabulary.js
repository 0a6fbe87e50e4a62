// scikit-learn's CountVectorizer vocabulary (fit): the terms of every document, pruned by document
// frequency and by corpus frequency, sorted. Shared by the vectorizer objects (web/model/swappable.js)
// and CTM's preprocessing (web/ctm/preprocessing.js).

/**
 * termLists: the terms of each document (repeats counted). Terms in fewer than minDocs or more than
 * maxDocs documents are dropped; maxFeatures keeps the most frequent terms over the corpus (ties
 * to the alphabetically first: scikit-learn's argsort leaves their order unspecified); vocabulary:
 * a fixed vocabulary, kept as given. Returns the terms, sorted (or the fixed vocabulary).
 */
export function fitVocabulary(termLists, { minDocs = 1, maxDocs = Infinity, maxFeatures = null, vocabulary = null } = {}) {
  if (vocabulary) return [...vocabulary];
  const total = new Map();
  const df = new Map();
  for (const terms of termLists) {
    for (const t of terms) total.set(t, (total.get(t) ?? 0) + 1);
    for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  let terms = [...total.keys()].filter((t) => df.get(t) >= minDocs && df.get(t) <= maxDocs).sort();
  if (terms.length === 0) throw new Error('after pruning, no terms remain: lower the stop words, minDf or raise maxDf');
  if (maxFeatures !== null && terms.length > maxFeatures) {
    terms = terms.map((t, i) => [t, i]).sort((a, b) => total.get(b[0]) - total.get(a[0]) || a[1] - b[1]).slice(0, maxFeatures).map(([t]) => t).sort();
  }
  return terms;
}
