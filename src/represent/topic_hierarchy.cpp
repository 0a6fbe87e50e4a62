#include "represent/topic_hierarchy.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "cluster/ward_linkage.hpp"
#include "core/error.hpp"

namespace topicwasm {

namespace {

// 1 - cosine similarity between the given rows of a CSR matrix, K x K (one dense row at a time).
std::vector<double> cosine_distances(const WeightMatrix& m, const std::vector<std::size_t>& rows) {
    const std::size_t k = rows.size();
    std::vector<double> norm(k, 0.0);
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t p = m.row_begin(rows[a]); p < m.row_end(rows[a]); ++p) norm[a] += m.values[p] * m.values[p];
    std::vector<double> dense(m.cols, 0.0);
    std::vector<double> d(k * k, 0.0);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t p = m.row_begin(rows[a]); p < m.row_end(rows[a]); ++p) dense[m.indices[p]] = m.values[p];
        for (std::size_t b = a + 1; b < k; ++b) {
            double dot = 0;
            for (std::size_t p = m.row_begin(rows[b]); p < m.row_end(rows[b]); ++p) dot += dense[m.indices[p]] * m.values[p];
            double sim = (norm[a] > 0 && norm[b] > 0) ? dot / std::sqrt(norm[a] * norm[b]) : 0.0;
            d[a * k + b] = d[b * k + a] = std::max(0.0, 1.0 - sim);
        }
        for (std::size_t p = m.row_begin(rows[a]); p < m.row_end(rows[a]); ++p) dense[m.indices[p]] = 0.0;
    }
    return d;
}

std::string join_words(const std::vector<TopicWord>& words, std::size_t count) {
    std::string name;
    for (std::size_t i = 0; i < std::min(count, words.size()); ++i) name += (i ? "_" : "") + words[i].word;
    return name;
}

}  // namespace

std::vector<TopicMerge> hierarchical_topics(const TopicRepresentation& rep, const std::vector<int>& topic_ids,
                                            const std::vector<std::string>& documents, const std::vector<int>& labels,
                                            bool english, std::size_t top_n_words) {
    std::vector<int> topics;  // topics other than -1, ascending: leaf t is topics[t]
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < topic_ids.size(); ++r)
        if (topic_ids[r] != -1) topics.push_back(topic_ids[r]), rows.push_back(r);
    require(topics.size() >= 2, "hierarchical topics: the model needs at least two topics other than the outliers");
    const std::size_t k = topics.size();

    auto merges = ward_linkage(cosine_distances(rep.weights, rows), k);
    make_distances_unique(merges);

    // Bags of words of the topics' class documents (fitted vectorizer), summed per merge.
    CountMatrix bow = rep.vectorizer.transform(class_documents(documents, labels, topics, english));
    std::vector<std::vector<int>> leaves(2 * k - 1);
    for (std::size_t t = 0; t < k; ++t) leaves[t] = {static_cast<int>(t)};
    std::vector<std::string> name_of(2 * k - 1);
    for (std::size_t t = 0; t < k; ++t) name_of[t] = join_words(rep.words[rows[t]], 5);

    std::vector<TopicMerge> result;
    for (std::size_t s = 0; s < merges.size(); ++s) {
        const auto& m = merges[s];
        std::vector<int> members = leaves[m.a];
        members.insert(members.end(), leaves[m.b].begin(), leaves[m.b].end());
        std::sort(members.begin(), members.end());

        std::map<uint32_t, float> summed;
        for (int t : members)
            for (std::size_t p = bow.row_begin(t); p < bow.row_end(t); ++p) summed[bow.indices[p]] += bow.values[p];
        CountMatrix grouped;
        grouped.rows = 1;
        grouped.cols = bow.cols;
        for (const auto& [column, count] : summed) grouped.indices.push_back(column), grouped.values.push_back(count);
        grouped.indptr.push_back(grouped.indices.size());
        auto words = top_words(rep.ctfidf.transform(grouped), rep.vectorizer.feature_names(), top_n_words);

        TopicMerge merge;
        merge.parent_id = k + s;
        merge.parent_name = join_words(words[0], 5);
        for (int t : members) merge.topics.push_back(topics[t]);
        merge.left_id = m.a;
        merge.right_id = m.b;
        merge.left_name = name_of[m.a];
        merge.right_name = name_of[m.b];
        merge.distance = m.distance;
        leaves[k + s] = std::move(members);
        name_of[k + s] = merge.parent_name;
        result.push_back(std::move(merge));
    }
    return result;
}

}  // namespace topicwasm
