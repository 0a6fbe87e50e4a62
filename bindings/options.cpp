#include "options.hpp"

#include "convert.hpp"
#include "core/error.hpp"
#include "text/tokenizer.hpp"

namespace topicwasm::bindings {

std::vector<std::string> strings(const val& array) {
    std::vector<std::string> out;
    const auto n = array["length"].as<std::size_t>();
    for (std::size_t i = 0; i < n; ++i) out.push_back(array[i].as<std::string>());
    return out;
}

using emscripten::val;

namespace {

DocumentFrequency document_frequency(const val& js) {
    return {js["value"].as<double>(), js["fraction"].as<bool>()};
}


}  // namespace

CountVectorizerOptions vectorizer_options(const val& js) {
    CountVectorizerOptions o;
    o.lowercase = js["lowercase"].as<bool>();
    val stop = js["stopWords"];
    if (stop.isString()) {
        require(stop.as<std::string>() == "english", "stopWords must be 'english', an array of words, or null");
        o.stop_words = english_stop_words();
    } else if (!stop.isNull() && !stop.isUndefined()) {
        for (auto& w : strings(stop)) o.stop_words.insert(w);
    }
    o.ngram_min = js["ngramRange"][0].as<std::size_t>();
    o.ngram_max = js["ngramRange"][1].as<std::size_t>();
    o.min_df = document_frequency(js["minDf"]);
    o.max_df = document_frequency(js["maxDf"]);
    val max_features = js["maxFeatures"];
    o.max_features = max_features.isNull() ? 0 : max_features.as<std::size_t>();
    val vocabulary = js["vocabulary"];
    if (!vocabulary.isNull()) o.vocabulary = strings(vocabulary);
    // web/engine/options.js wraps the user's function so that it never throws into the engine: it
    // returns the tokens, or {error} naming what went wrong, which becomes an engine Error here.
    val tokenizer = js["tokenizer"];
    if (!tokenizer.isUndefined() && !tokenizer.isNull()) {
        o.tokenizer = [tokenizer](const std::string& text) {
            val tokens = tokenizer(text);
            if (!tokens["error"].isUndefined()) throw Error(tokens["error"].as<std::string>());
            return strings(tokens);
        };
    }
    return o;
}

CtfidfOptions ctfidf_options(const val& js) {
    CtfidfOptions o;
    o.bm25_weighting = js["bm25Weighting"].as<bool>();
    o.reduce_frequent_words = js["reduceFrequentWords"].as<bool>();
    val seed_words = js["seedWords"];
    if (!seed_words.isUndefined() && !seed_words.isNull()) o.seed_words = strings(seed_words);
    val multiplier = js["seedMultiplier"];
    if (!multiplier.isUndefined()) o.seed_multiplier = multiplier.as<double>();
    return o;
}

UmapOptions umap_options(const val& js) {
    UmapOptions o = bertopic_umap_options();
    o.n_neighbors = js["nNeighbors"].as<std::size_t>();
    o.n_components = js["nComponents"].as<std::size_t>();
    o.min_dist = js["minDist"].as<double>();
    o.spread = js["spread"].as<double>();
    o.metric = parse_metric(js["metric"].as<std::string>());
    std::string schedule = js["schedule"].as<std::string>();
    require(schedule == "fast" || schedule == "faithful", "umapModel.schedule must be 'fast' or 'faithful'");
    o.schedule = schedule == "fast" ? UmapSchedule::fast : UmapSchedule::faithful;
    val epochs = js["nEpochs"];
    o.n_epochs = epochs.isNull() ? 0 : epochs.as<std::size_t>();
    o.learning_rate = js["learningRate"].as<double>();
    o.negative_sample_rate = js["negativeSampleRate"].as<double>();
    o.local_connectivity = js["localConnectivity"].as<double>();
    o.set_op_mix_ratio = js["setOpMixRatio"].as<double>();
    std::string init = js["init"].as<std::string>();
    require(init == "spectral" || init == "random", "umapModel.init must be 'spectral' or 'random'");
    o.init = init == "spectral" ? UmapInit::spectral : UmapInit::random;
    return o;
}

HdbscanOptions hdbscan_options(const val& js, std::size_t min_topic_size) {
    HdbscanOptions o;
    val size = js["minClusterSize"];
    o.min_cluster_size = size.isNull() ? min_topic_size : size.as<std::size_t>();
    val samples = js["minSamples"];
    o.min_samples = samples.isNull() ? 0 : samples.as<std::size_t>();
    o.cluster_selection_epsilon = js["clusterSelectionEpsilon"].as<double>();
    std::string method = js["clusterSelectionMethod"].as<std::string>();
    require(method == "eom" || method == "leaf", "hdbscanModel.clusterSelectionMethod must be 'eom' or 'leaf'");
    o.cluster_selection_method = method == "eom" ? ClusterSelectionMethod::Eom : ClusterSelectionMethod::Leaf;
    o.allow_single_cluster = js["allowSingleCluster"].as<bool>();
    o.approx_min_span_tree = js["approxMinSpanTree"].as<bool>();
    return o;
}

TopicModelOptions topic_model_options(const val& js) {
    TopicModelOptions o;
    o.language = js["language"].as<std::string>();
    o.top_n_words = js["topNWords"].as<std::size_t>();
    o.min_topic_size = js["minTopicSize"].as<std::size_t>();
    o.seed = static_cast<uint64_t>(js["seed"].as<double>());
    o.vectorizer = vectorizer_options(js["vectorizerModel"]);
    o.ctfidf = ctfidf_options(js["ctfidfModel"]);
    val seed_topics = js["seedTopicList"];
    if (!seed_topics.isUndefined() && !seed_topics.isNull())
        for (std::size_t t = 0; t < seed_topics["length"].as<std::size_t>(); ++t) {
            o.seed_topic_list.push_back(strings(seed_topics[t]));
            for (const auto& w : o.seed_topic_list.back()) o.ctfidf.seed_topic_words.push_back(w);
        }
    o.calculate_probabilities = js["calculateProbabilities"].as<bool>();
    o.umap = umap_options(js["umapModel"]);
    o.hdbscan = hdbscan_options(js["hdbscanModel"], o.min_topic_size);
    std::string reducer = js["reduceModel"].as<std::string>();
    require(reducer == "umap" || reducer == "pca" || reducer == "none" || reducer == "incrementalPca",
            "reduceModel must be 'umap', 'pca', 'none' or 'incrementalPca'");
    o.reducer = reducer == "umap"             ? ReducerKind::umap
                : reducer == "pca"            ? ReducerKind::pca
                : reducer == "incrementalPca" ? ReducerKind::incremental_pca
                                              : ReducerKind::none;
    std::string clusterer = js["clusterModel"].as<std::string>();
    // 'classifier': logistic regression or the user's {fit, predict}, run by the JS layer, which
    // passes the predicted labels to fit_transform (ClustererKind::given).
    require(clusterer == "hdbscan" || clusterer == "kmeans" || clusterer == "miniBatchKmeans" || clusterer == "classifier",
            "clusterModel must be 'hdbscan', 'kmeans', 'miniBatchKmeans' or a classifier");
    o.clusterer = clusterer == "hdbscan"           ? ClustererKind::hdbscan
                  : clusterer == "kmeans"          ? ClustererKind::kmeans
                  : clusterer == "miniBatchKmeans" ? ClustererKind::mini_batch_kmeans
                                                   : ClustererKind::given;
    val mini_batch = js["miniBatchKmeansModel"];
    o.mini_batch_kmeans.n_clusters = mini_batch["nClusters"].as<std::size_t>();
    o.mini_batch_kmeans.batch_size = mini_batch["batchSize"].as<std::size_t>();
    val init_size = mini_batch["initSize"];
    o.mini_batch_kmeans.init_size = init_size.isNull() ? 0 : init_size.as<std::size_t>();
    o.mini_batch_kmeans.reassignment_ratio = mini_batch["reassignmentRatio"].as<double>();
    val online = js["vectorizerModel"];  // online, decay, deleteMinDf: TopicModel's vectorizer only
    o.online_vectorizer.online = online["online"].as<bool>();
    if (!online["decay"].isNull()) o.online_vectorizer.decay = online["decay"].as<double>();
    if (!online["deleteMinDf"].isNull()) o.online_vectorizer.delete_min_df = online["deleteMinDf"].as<double>();
    val kmeans = js["kmeansModel"];
    o.kmeans.n_clusters = kmeans["nClusters"].as<std::size_t>();
    o.kmeans.n_init = kmeans["nInit"].as<std::size_t>();
    o.kmeans.max_iter = kmeans["maxIter"].as<std::size_t>();
    o.nr_topics = nr_topics_option(js["nrTopics"]);
    if (!js["zeroshotTopicList"].isNull()) o.zeroshot_topic_list = strings(js["zeroshotTopicList"]);
    o.zeroshot_min_similarity = js["zeroshotMinSimilarity"].as<double>();
    return o;
}

NrTopics nr_topics_option(const val& js) {
    NrTopics nr;
    if (js.isNull() || js.isUndefined()) return nr;
    if (js.isString()) {
        require(js.as<std::string>() == "auto", "nrTopics must be null, an integer >= 2 or 'auto'");
        nr.kind = NrTopics::Kind::automatic;
        return nr;
    }
    const double count = js.as<double>();
    require(count >= 2 && count == static_cast<double>(static_cast<std::size_t>(count)),
            "nrTopics must be null, an integer >= 2 or 'auto'");
    nr.kind = NrTopics::Kind::count;
    nr.count = static_cast<std::size_t>(count);
    return nr;
}

}  // namespace topicwasm::bindings
