// The engine pieces of online topic modeling (BERTopic's partial_fit): incremental PCA against
// batch PCA, mini-batch k-means (sklearn's count-weighted centre updates), and the online count
// vectorizer's growing vocabulary, decayed bag of words and delete_min_df.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "cluster/mini_batch_kmeans.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/thread_pool.hpp"
#include "hdbscan_fixture.hpp"
#include "reduce/incremental_pca.hpp"
#include "reduce/pca.hpp"
#include "text/online_count_vectorizer.hpp"
#include "topics/topic_model.hpp"

using namespace topicwasm;

namespace {

// n x d data with variance concentrated in `strong` directions (scales 10, 9, ...) plus noise.
Matrix low_rank(std::size_t n, std::size_t d, std::size_t strong, float noise, uint64_t seed) {
    Rng rng(seed);
    Matrix basis(strong, d);
    for (auto& v : basis.data) v = rng.uniform() - 0.5f;
    Matrix x(n, d);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t s = 0; s < strong; ++s) {
            float z = (rng.uniform() - 0.5f) * static_cast<float>(10 - s);
            for (std::size_t j = 0; j < d; ++j) x(i, j) += z * basis(s, j);
        }
        for (std::size_t j = 0; j < d; ++j) x(i, j) += noise * (rng.uniform() - 0.5f) + 3.0f;  // off-centre
    }
    return x;
}

MatrixView rows(const Matrix& m, std::size_t begin, std::size_t end) { return {m.row(begin), end - begin, m.cols}; }

void feed(IncrementalPca& ipca, const Matrix& x, std::size_t chunks) {
    for (std::size_t c = 0; c < chunks; ++c) ipca.partial_fit(rows(x, c * x.rows / chunks, (c + 1) * x.rows / chunks));
}

double abs_cos(const float* a, const float* b, std::size_t d) {
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t j = 0; j < d; ++j) ab += double(a[j]) * b[j], aa += double(a[j]) * a[j], bb += double(b[j]) * b[j];
    return std::abs(ab) / std::sqrt(aa * bb);
}

}  // namespace

// Keeping every component, the Ross et al. update loses nothing: chunks give batch PCA exactly.
TEST(IncrementalPca, AllComponentsInChunksEqualBatchPca) {
    Matrix x = low_rank(400, 12, 4, 1.0f, 1);
    IncrementalPca ipca(IncrementalPcaOptions{12});
    feed(ipca, x, 4);
    Pca pca(PcaOptions{12});
    pca.fit(x.view());
    ASSERT_EQ(ipca.samples_seen(), 400u);
    for (std::size_t j = 0; j < 12; ++j) EXPECT_NEAR(ipca.mean()[j], pca.mean()[j], 1e-5);
    double ratio_sum = 0;
    for (std::size_t c = 0; c < 12; ++c) {
        EXPECT_NEAR(ipca.explained_variance()[c], pca.explained_variance()[c], 1e-6 * pca.explained_variance()[0]) << c;
        ratio_sum += ipca.explained_variance_ratio()[c];
    }
    EXPECT_NEAR(ratio_sum, 1.0, 1e-9);
    for (std::size_t c = 0; c < 4; ++c)  // the well-separated leading axes
        EXPECT_GT(abs_cos(ipca.components().row(c), pca.components().row(c), 12), 1 - 1e-6) << c;
}

// Truncated to 5 of 40 dimensions, chunks track the batch subspace and its variance closely.
TEST(IncrementalPca, TruncatedChunksTrackBatchPca) {
    Matrix x = low_rank(1200, 40, 5, 0.5f, 2);
    IncrementalPca ipca(IncrementalPcaOptions{5});
    feed(ipca, x, 6);
    Pca pca(PcaOptions{5});
    pca.fit(x.view());
    for (std::size_t c = 0; c < 5; ++c) {
        EXPECT_NEAR(ipca.explained_variance()[c], pca.explained_variance()[c], 0.01 * pca.explained_variance()[c]) << c;
        EXPECT_NEAR(ipca.explained_variance_ratio()[c], pca.explained_variance_ratio()[c], 1e-3) << c;
        EXPECT_GT(abs_cos(ipca.components().row(c), pca.components().row(c), 40), 0.999) << c;
    }
    // transform centres with the running mean: the projections of all data have mean ~0.
    Matrix t = ipca.transform(x.view());
    for (std::size_t c = 0; c < 5; ++c) {
        double m = 0;
        for (std::size_t i = 0; i < t.rows; ++i) m += t(i, c);
        EXPECT_NEAR(m / static_cast<double>(t.rows), 0.0, 1e-3);
    }
}

TEST(IncrementalPca, OneBatchIsPcaAndSignsFollowSvdFlip) {
    Matrix x = low_rank(300, 10, 3, 1.0f, 3);
    IncrementalPca ipca(IncrementalPcaOptions{3});
    ipca.partial_fit(x.view());
    Pca pca(PcaOptions{3});
    pca.fit(x.view());
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_NEAR(ipca.explained_variance()[c], pca.explained_variance()[c], 1e-6 * pca.explained_variance()[0]);
        EXPECT_GT(abs_cos(ipca.components().row(c), pca.components().row(c), 10), 1 - 1e-6);
        // svd_flip(u_based_decision=False): the largest-magnitude entry of each component is positive.
        const float* r = ipca.components().row(c);
        std::size_t arg = 0;
        for (std::size_t j = 1; j < 10; ++j)
            if (std::abs(r[j]) > std::abs(r[arg])) arg = j;
        EXPECT_GT(r[arg], 0.0f);
    }
}

TEST(IncrementalPca, BadBatchesThrowAndLeaveTheModel) {
    Matrix x = low_rank(100, 8, 2, 1.0f, 4);
    IncrementalPca ipca(IncrementalPcaOptions{3});
    EXPECT_THROW(ipca.partial_fit(rows(x, 0, 2)), Error);  // fewer rows than n_components
    EXPECT_FALSE(ipca.fitted());
    ipca.partial_fit(rows(x, 0, 50));
    const auto before = ipca.components().data;
    Matrix wide(10, 9, 1.0f);
    EXPECT_THROW(ipca.partial_fit(wide.view()), Error);
    Matrix bad = to_matrix(rows(x, 50, 60));
    bad(3, 2) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(ipca.partial_fit(bad.view()), Error);
    EXPECT_THROW(ipca.partial_fit(rows(x, 50, 52)), Error);
    EXPECT_EQ(ipca.samples_seen(), 50u);
    EXPECT_EQ(ipca.components().data, before);
}

namespace {

Matrix blobs(std::size_t k, std::size_t per, std::size_t d, uint64_t seed, std::vector<int32_t>& truth) {
    Rng rng(seed);
    std::vector<float> centers(k * d);
    for (auto& c : centers) c = rng.uniform() * 100.0f;
    Matrix x(k * per, d);
    truth.clear();
    for (std::size_t i = 0; i < k * per; ++i) {
        std::size_t c = i % k;
        for (std::size_t j = 0; j < d; ++j) x(i, j) = centers[c * d + j] + (rng.uniform() - 0.5f) * 2.0f;
        truth.push_back(static_cast<int32_t>(c));
    }
    return x;
}

std::vector<int32_t> run_batches(const Matrix& x, std::size_t chunks, MiniBatchKMeansOptions o) {
    MiniBatchKMeans mbk(o);
    std::vector<int32_t> labels;
    for (std::size_t c = 0; c < chunks; ++c) {
        auto l = mbk.partial_fit(rows(x, c * x.rows / chunks, (c + 1) * x.rows / chunks));
        labels.insert(labels.end(), l.begin(), l.end());
    }
    return labels;
}

}  // namespace

// With one centre, count-weighted updates (learning rate 1 / count) give the running mean exactly.
TEST(MiniBatchKMeans, OneCentreIsTheRunningMean) {
    Matrix x = low_rank(90, 3, 2, 1.0f, 5);
    MiniBatchKMeans mbk(MiniBatchKMeansOptions{1});
    for (std::size_t c = 0; c < 3; ++c) mbk.partial_fit(rows(x, c * 30, c * 30 + 30));
    for (std::size_t j = 0; j < 3; ++j) {
        double mean = 0;
        for (std::size_t i = 0; i < 90; ++i) mean += x(i, j);
        EXPECT_NEAR(mbk.centers()[j], mean / 90.0, 1e-9);
    }
    EXPECT_EQ(mbk.counts()[0], 90.0);
    EXPECT_EQ(mbk.n_steps(), 3u);
}

TEST(MiniBatchKMeans, RecoversBlobsInBatches) {
    std::vector<int32_t> truth;
    Matrix x = blobs(5, 120, 4, 7, truth);
    MiniBatchKMeansOptions o;
    o.n_clusters = 5;
    auto labels = run_batches(x, 4, o);
    EXPECT_NEAR(hdbscan_fixture::adjusted_rand_index(labels, truth), 1.0, 1e-12);
}

TEST(MiniBatchKMeans, DeterministicForASeedAndAnyThreadCount) {
    std::vector<int32_t> truth;
    Matrix x = blobs(8, 100, 6, 9, truth);
    MiniBatchKMeansOptions o;
    o.n_clusters = 12;  // more centres than blobs: reassignment and ties get exercised
    o.batch_size = 50;
    set_thread_limit(1);
    auto one = run_batches(x, 5, o);
    set_thread_limit(2);
    auto two = run_batches(x, 5, o);
    set_thread_limit(1);
    EXPECT_EQ(one, two);
    EXPECT_EQ(one, run_batches(x, 5, o));
    o.seed = 43;
    EXPECT_NE(one, run_batches(x, 5, o));
}

TEST(MiniBatchKMeans, BadBatchesThrowAndLeaveTheModel) {
    std::vector<int32_t> truth;
    Matrix x = blobs(3, 20, 2, 11, truth);
    MiniBatchKMeans mbk(MiniBatchKMeansOptions{4});
    EXPECT_THROW(mbk.partial_fit(rows(x, 0, 3)), Error);  // fewer points than clusters
    EXPECT_FALSE(mbk.fitted());
    mbk.partial_fit(rows(x, 0, 30));
    const auto centers = mbk.centers();
    Matrix wide(5, 3, 1.0f);
    EXPECT_THROW(mbk.partial_fit(wide.view()), Error);
    Matrix bad = to_matrix(rows(x, 30, 40));
    bad(0, 1) = std::numeric_limits<float>::infinity();
    EXPECT_THROW(mbk.partial_fit(bad.view()), Error);
    EXPECT_THROW(mbk.partial_fit(MatrixView{}), Error);
    EXPECT_EQ(mbk.centers(), centers);
    EXPECT_EQ(mbk.n_steps(), 1u);
    mbk.partial_fit(rows(x, 30, 31));  // later batches may be smaller than n_clusters
}

namespace {
double bow_at(const OnlineCountVectorizer& v, std::size_t row, const std::string& word) {
    const auto& names = v.feature_names();
    const auto& x = v.bow();
    for (std::size_t k = x.row_begin(row); k < x.row_end(row); ++k)
        if (names[x.indices[k]] == word) return x.values[k];
    return 0.0;
}
}  // namespace

TEST(OnlineCountVectorizer, VocabularyGrowsAndCountsDecay) {
    OnlineCountVectorizerOptions o;
    o.decay = 0.25;
    OnlineCountVectorizer v(o);
    std::vector<std::string> first{"apple banana apple", "cherry"};
    v.partial_fit(first);
    v.update_bow(first);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"apple", "banana", "cherry"}));
    EXPECT_EQ(bow_at(v, 0, "apple"), 2.0);
    // New words are appended (sorted), a third row appears; old counts are multiplied by 0.75.
    std::vector<std::string> second{"apple zebra", "", "date cherry"};
    v.partial_fit(second);
    v.update_bow(second);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"apple", "banana", "cherry", "date", "zebra"}));
    EXPECT_EQ(v.rows(), 3u);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "apple"), 2.0 * 0.75 + 1.0);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "banana"), 0.75);
    EXPECT_DOUBLE_EQ(bow_at(v, 1, "cherry"), 0.75);
    EXPECT_DOUBLE_EQ(bow_at(v, 2, "cherry"), 1.0);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "zebra"), 1.0);
    EXPECT_THROW(v.update_bow({"one row"}), Error);  // fewer rows than the bag of words has
}

TEST(OnlineCountVectorizer, DeleteMinDfDropsRareWords) {
    OnlineCountVectorizerOptions o;
    o.decay = 0.5;
    o.delete_min_df = 1.0;
    OnlineCountVectorizer v(o);
    std::vector<std::string> a{"apple banana", "apple"};
    v.partial_fit(a);
    v.update_bow(a);
    std::vector<std::string> b{"cherry", "cherry"};
    v.partial_fit(b);
    v.update_bow(b);
    // apple: 2 * 0.5 = 1 stays; banana: 0.5 < 1 is dropped; cherry: 2.
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"apple", "cherry"}));
    EXPECT_EQ(v.bow().cols, 2u);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "apple"), 0.5);
    EXPECT_DOUBLE_EQ(bow_at(v, 1, "cherry"), 1.0);
    // A dropped word comes back as a new word when it is seen again.
    std::vector<std::string> c{"banana", ""};
    v.partial_fit(c);
    v.update_bow(c);
    EXPECT_EQ(v.feature_names().back(), "banana");
}

TEST(OnlineCountVectorizer, CleanBowOnDemandDropsTermsBelowItsMinimum) {
    OnlineCountVectorizer v;  // no delete_min_df: update_bow keeps everything
    std::vector<std::string> a{"apple banana apple", "cherry apple"};
    v.partial_fit(a);
    v.update_bow(a);
    v.clean_bow(2.0);  // apple 3 stays; banana 1 and cherry 1 go
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"apple"}));
    EXPECT_EQ(v.bow().rows, 2u);
    EXPECT_EQ(v.bow().cols, 1u);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "apple"), 2.0);
    EXPECT_THROW(v.clean_bow(-1.0), Error);
}

TEST(OnlineCountVectorizer, NoDecayAccumulatesAndFirstFitUsesMinDf) {
    OnlineCountVectorizerOptions o;
    o.vectorizer.min_df = {2, false};
    OnlineCountVectorizer v(o);
    std::vector<std::string> a{"xx yy", "xx zz"};
    v.partial_fit(a);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"xx"}));  // min_df applies to the first fit only
    v.update_bow(a);
    v.partial_fit(a);  // later, yy and zz are out-of-vocabulary words and join (as BERTopic's code does)
    v.update_bow(a);
    EXPECT_EQ(v.feature_names(), (std::vector<std::string>{"xx", "yy", "zz"}));
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "xx"), 2.0);
    EXPECT_DOUBLE_EQ(bow_at(v, 0, "yy"), 1.0);
    OnlineCountVectorizerOptions bad;
    bad.decay = 1.5;
    EXPECT_THROW(OnlineCountVectorizer{bad}, Error);
}


namespace {

// Three well-separated embedding blobs, each with its own words.
void corpus(std::size_t n, uint64_t seed, std::vector<std::string>& docs, Matrix& emb) {
    const char* words[3][3] = {{"apple", "banana", "cherry"}, {"engine", "wheel", "brake"}, {"violin", "piano", "drum"}};
    Rng rng(seed);
    docs.clear();
    emb = Matrix(n, 6);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t c = i % 3;
        docs.push_back(std::string(words[c][rng.below(3)]) + " " + words[c][rng.below(3)] + " the");
        for (std::size_t j = 0; j < 6; ++j) emb(i, j) = (j / 2 == c ? 10.0f : 0.0f) + rng.uniform();
    }
}

// No reduction here: with three symmetric blobs, IncrementalPCA's axes may rotate between batches
// under the clusterer's fixed centres (the same holds for BERTopic's pipeline); incremental PCA
// has its own tests above and the Brown tests (tests/online.test.mjs) run the whole chain.
TopicModelOptions online_options() {
    TopicModelOptions o;
    o.reducer = ReducerKind::none;
    o.clusterer = ClustererKind::mini_batch_kmeans;
    o.mini_batch_kmeans.n_clusters = 3;
    o.online_vectorizer.online = true;
    o.online_vectorizer.decay = 0.1;
    return o;
}

}  // namespace

TEST(OnlineTopicModel, BatchesAccumulateSizesAndKeepTopicIds) {
    TopicModel model(online_options());
    std::vector<std::string> docs;
    Matrix emb;
    std::size_t seen = 0;
    for (uint64_t batch = 0; batch < 3; ++batch) {
        corpus(30, batch + 1, docs, emb);
        auto result = model.partial_fit(docs, emb.view());
        seen += docs.size();
        ASSERT_EQ(result.topics.size(), 30u);
        // Each blob is one topic, and every topic's words are its blob's words.
        for (std::size_t i = 3; i < 30; ++i) EXPECT_EQ(result.topics[i], result.topics[i % 3]);
        std::size_t total = 0;
        for (const auto& t : model.topics()) {
            total += t.count;
            std::size_t blob = 0;
            for (std::size_t i = 0; i < 3; ++i)
                if (result.topics[i] == t.id) blob = i;
            std::set<std::string> expected;
            if (blob == 0) expected = {"apple", "banana", "cherry"};
            if (blob == 1) expected = {"engine", "wheel", "brake"};
            if (blob == 2) expected = {"violin", "piano", "drum"};
            EXPECT_TRUE(expected.count(t.words[0].word)) << t.words[0].word;
        }
        EXPECT_EQ(total, seen);
        EXPECT_EQ(model.topics().size(), 3u);
        // document_topics() and documents() cover every batch so far, the last batch at the end.
        ASSERT_EQ(model.document_topics().size(), seen);
        EXPECT_EQ(model.documents().size(), seen);
        EXPECT_EQ(model.reduced_embeddings().rows, seen);
        EXPECT_TRUE(std::equal(result.topics.begin(), result.topics.end(), model.document_topics().end() - 30));
    }
    // transform predicts the same topics for the last batch's embeddings.
    const std::vector<int> last(model.document_topics().end() - 30, model.document_topics().end());
    EXPECT_EQ(model.transform(emb.view()).topics, last);
}

TEST(OnlineTopicModel, CleanOnlineBowPrunesTheVectorizerNotTheTopics) {
    std::vector<std::string> docs;
    Matrix emb;
    corpus(30, 1, docs, emb);
    TopicModel model(online_options());
    model.partial_fit(docs, emb.view());
    const auto before = model.online_vectorizer().bow();
    const auto words = model.topics()[0].words;
    model.clean_online_bow(1e9);  // every term is below: the vocabulary empties, X_ keeps its rows
    EXPECT_EQ(model.online_vectorizer().bow().rows, before.rows);
    EXPECT_EQ(model.online_vectorizer().bow().cols, 0u);
    EXPECT_EQ(model.topics()[0].words[0].word, words[0].word);  // the topics stay until the next batch
    TopicModel plain;
    plain.fit_transform_labels(docs, std::vector<int>(docs.size(), 0));
    EXPECT_THROW(plain.clean_online_bow(1.0), Error);  // not an online model
}

TEST(OnlineTopicModel, ErrorsLeaveTheModel) {
    std::vector<std::string> docs;
    Matrix emb;
    corpus(30, 1, docs, emb);
    TopicModelOptions umap = online_options();
    umap.reducer = ReducerKind::umap;
    EXPECT_THROW(TopicModel(umap).partial_fit(docs, emb.view()), Error);
    TopicModelOptions hdb = online_options();
    hdb.clusterer = ClustererKind::hdbscan;
    EXPECT_THROW(TopicModel(hdb).partial_fit(docs, emb.view()), Error);
    EXPECT_THROW(TopicModel(online_options()).fit_transform(docs, emb.view()), Error);

    TopicModel model(online_options());
    model.partial_fit(docs, emb.view());
    const auto sizes = model.topics()[0].count;
    Matrix wide(30, 7, 1.0f);
    EXPECT_THROW(model.partial_fit(docs, wide.view()), Error);
    Matrix nan = emb;
    nan(4, 1) = std::numeric_limits<float>::quiet_NaN();
    EXPECT_THROW(model.partial_fit(docs, nan.view()), Error);
    EXPECT_THROW(model.partial_fit({}, MatrixView{}), Error);
    EXPECT_EQ(model.topics()[0].count, sizes);
    EXPECT_EQ(model.documents(), docs);
}
