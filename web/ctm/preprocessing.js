// CTM's preprocessing classes (contextualized_topic_models/utils/preprocessing.py, 2.6):
// WhiteSpacePreprocessingStopwords and the deprecated WhiteSpacePreprocessing, used as CTM's README
// shows: preprocess() returns [preprocessed docs, unpreprocessed docs, vocabulary, retained indices];
// the preprocessed documents go to the bag of words, the unpreprocessed ones to the embedder, and
// the indices select the rows of embeddings computed beforehand.

import { fitVocabulary } from '../model/vocabulary.js';

// Python's string.punctuation.
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
// scikit-learn's default token_pattern (?u)\b\w\w+\b (\w: letters, digits, underscore).
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** nltk's English stop words (nltk.corpus.stopwords.words('english'), 179 words). */
export const NLTK_ENGLISH_STOPWORDS = Object.freeze(`i me my myself we our ours ourselves you you're you've you'll you'd your yours
yourself yourselves he him his himself she she's her hers herself it it's its itself they them their theirs themselves what
which who whom this that that'll these those am is are was were be been being have has had having do does did doing a an the
and but if or because as until while of at by for with about against between into through during before after above below to
from up down in out on off over under again further then once here there when where why how all any both each few more most
other some such no nor not only own same so than too very s t can will just don don't should should've now d ll m o re ve y
ain aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't
mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't`.split(/\s+/));

// gensim's deaccent: NFD, combining marks (Mn) dropped, NFC.
const deaccent = (text) => text.normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');

function checkDocuments(documents, what) {
  if (!Array.isArray(documents) || documents.some((d) => typeof d !== 'string')) throw new TypeError(`${what}: documents must be an array of strings`);
}

// CountVectorizer(token_pattern, max_features, max_df) fitted on the documents: its vocabulary (a Set).
function countVectorizerVocabulary(documents, maxFeatures, maxDf) {
  const maxDocs = Number.isInteger(maxDf) && maxDf > 1 ? maxDf : maxDf * documents.length;
  return new Set(fitVocabulary(documents.map((doc) => doc.match(TOKEN) ?? []), { maxDocs, maxFeatures }));
}

function preprocess(documents, { stopwords, vocabularySize, maxDf, minWords, removeNumbers }) {
  let docs = documents.map((doc) => deaccent(doc.toLowerCase()).replace(PUNCTUATION, ' '));
  if (removeNumbers) docs = docs.map((doc) => doc.replace(/[0-9]/g, ' '));
  docs = docs.map((doc) => doc.split(/\s+/).filter((w) => w.length > 0 && !stopwords.has(w)).join(' '));
  const vocabulary = countVectorizerVocabulary(docs, vocabularySize, maxDf);
  docs = docs.map((doc) => doc.split(/\s+/).filter((w) => vocabulary.has(w)).join(' '));
  const preprocessed = [], unpreprocessed = [], retained = [];
  docs.forEach((doc, i) => {
    // CTM compares min_words with len(doc), the preprocessed document's length in characters.
    if (doc.length > 0 && doc.length >= minWords) {
      preprocessed.push(doc);
      unpreprocessed.push(documents[i]);
      retained.push(i);
    }
  });
  const used = [...new Set(preprocessed.flatMap((doc) => doc.split(' ')))].sort();
  return [preprocessed, unpreprocessed, used, retained];
}

function checkOptions({ vocabularySize, maxDf, minWords, removeNumbers }, what) {
  if (vocabularySize !== null && (!Number.isInteger(vocabularySize) || vocabularySize < 1)) {
    throw new (Number.isInteger(vocabularySize) ? Error : TypeError)(`${what}: vocabularySize must be an integer >= 1 (or null), got ${JSON.stringify(vocabularySize)}`);
  }
  if (typeof maxDf !== 'number' || !(maxDf > 0) || (maxDf > 1 && !Number.isInteger(maxDf))) {
    throw new (typeof maxDf === 'number' ? Error : TypeError)(`${what}: maxDf must be a fraction in (0, 1] or a document count, got ${JSON.stringify(maxDf)}`);
  }
  if (!Number.isInteger(minWords) || minWords < 0) throw new (Number.isInteger(minWords) ? Error : TypeError)(`${what}: minWords must be an integer >= 0, got ${JSON.stringify(minWords)}`);
  if (typeof removeNumbers !== 'boolean') throw new TypeError(`${what}: removeNumbers must be true or false`);
}

/**
 * CTM's WhiteSpacePreprocessingStopwords(documents, stopwords_list=None, vocabulary_size=2000,
 * max_df=1.0, min_words=1, remove_numbers=True): lower case, accents and punctuation (and digits)
 * removed, stop words dropped, only the vocabularySize most frequent words kept (documents left
 * empty are dropped). preprocess() -> [preprocessedDocs, unpreprocessedDocs, vocabulary, retainedIndices].
 */
export class WhiteSpacePreprocessingStopwords {
  constructor(documents, { stopwordsList = null, vocabularySize = 2000, maxDf = 1.0, minWords = 1, removeNumbers = true } = {}) {
    checkDocuments(documents, 'WhiteSpacePreprocessingStopwords');
    if (stopwordsList !== null && (!Array.isArray(stopwordsList) || stopwordsList.some((w) => typeof w !== 'string'))) {
      throw new TypeError('WhiteSpacePreprocessingStopwords: stopwordsList must be an array of strings (or null)');
    }
    this.options = { stopwords: new Set(stopwordsList ?? []), vocabularySize, maxDf, minWords, removeNumbers };
    checkOptions(this.options, 'WhiteSpacePreprocessingStopwords');
    this.documents = documents;
  }

  /** The most frequent words kept (CTM's vocabulary_size). */
  get vocabularySize() {
    return this.options.vocabularySize;
  }

  preprocess() {
    return preprocess(this.documents, this.options);
  }
}

/**
 * CTM's deprecated WhiteSpacePreprocessing(documents, stopwords_language="english",
 * vocabulary_size=2000): nltk's stop words of that language (English only here), numbers kept.
 */
export class WhiteSpacePreprocessing {
  constructor(documents, { stopwordsLanguage = 'english', vocabularySize = 2000 } = {}) {
    checkDocuments(documents, 'WhiteSpacePreprocessing');
    if (stopwordsLanguage !== 'english') {
      throw new Error(`WhiteSpacePreprocessing: stopwordsLanguage ${JSON.stringify(stopwordsLanguage)} is not available (only nltk's 'english'); pass your list to WhiteSpacePreprocessingStopwords`);
    }
    this.options = { stopwords: new Set(NLTK_ENGLISH_STOPWORDS), vocabularySize, maxDf: 1.0, minWords: 0, removeNumbers: false };
    checkOptions(this.options, 'WhiteSpacePreprocessing');
    this.documents = documents;
  }

  /** The most frequent words kept (CTM's vocabulary_size). */
  get vocabularySize() {
    return this.options.vocabularySize;
  }

  preprocess() {
    return preprocess(this.documents, this.options);
  }
}
