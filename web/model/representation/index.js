// BERTopic's representation models as a registry: each re-picks every topic's words from the
// engine's c-TF-IDF candidates (after fit, reduceTopics, mergeTopics, updateTopics). Their options
// are checked in engine/options.js (representationOptions); a new model plugs in here.
import { candidateCount, maximalMarginalRelevance } from './mmr.js';
import { keyBertInspired } from './keybert.js';

const REPRESENTATIONS = {
  MaximalMarginalRelevance: (core, embed, o, topNWords) => maximalMarginalRelevance(core.candidateWords(candidateCount(topNWords)), embed, o),
  KeyBERTInspired: (core, embed, o) => keyBertInspired(core.candidateWords(o.nrCandidateWords), core.representativeDocs(o.nrReprDocs, o.nrSamples), embed, o),
};

/**
 * Per topic (the engine's topic order) the representation model's [[word, score]]. core: the
 * fitted engine model; embed(texts) -> Float32Array; options: checked representationModel;
 * topNWords: the model's.
 */
export function representTopics(core, embed, options, topNWords) {
  return REPRESENTATIONS[options.type](core, embed, options, topNWords);
}
