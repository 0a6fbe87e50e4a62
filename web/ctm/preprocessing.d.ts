// Types of CTM's preprocessing classes (web/ctm/preprocessing.js), re-exported by web/index.d.ts.

/**
 * CTM's WhiteSpacePreprocessingStopwords: lower case, accents, punctuation and (removeNumbers)
 * digits removed, stop words dropped, the vocabularySize most frequent words kept (scikit-learn's
 * token pattern), documents left empty dropped. minWords compares with the preprocessed
 * document's length in characters, as CTM does. preprocess() gives
 * [preprocessedDocs, unpreprocessedDocs, vocabulary (sorted), retainedIndices].
 */
export class WhiteSpacePreprocessingStopwords {
  constructor(documents: string[], options?: { stopwordsList?: string[] | null; vocabularySize?: number | null; maxDf?: number; minWords?: number; removeNumbers?: boolean });
  readonly vocabularySize: number | null;
  preprocess(): [string[], string[], string[], number[]];
}
/** CTM's deprecated WhiteSpacePreprocessing: nltk's English stop words, numbers kept. */
export class WhiteSpacePreprocessing {
  constructor(documents: string[], options?: { stopwordsLanguage?: 'english'; vocabularySize?: number | null });
  readonly vocabularySize: number | null;
  preprocess(): [string[], string[], string[], number[]];
}
