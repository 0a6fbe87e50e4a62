#include "represent/topic_hierarchy.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "cluster/ward_linkage.hpp"
#include "core/error.hpp"
#include "represent/similarity.hpp"

namespace topicwasm {

namespace {

std::string join_words(const std::vector<TopicWord>& words, std::size_t count) {
    std::string name;
    for (std::size_t i = 0; i < std::min(count, words.size()); ++i) name += (i ? "_" : "") + words[i].word;
    return name;
}

}  // namespace

std::vector<double> topic_distances(const TopicRepresentation& rep, const std::vector<int>& topic_ids) {
    const std::size_t first_row = !topic_ids.empty() && topic_ids.front() == -1 ? 1 : 0;
    const std::size_t k = topic_ids.size() - first_row;
    const std::vector<double> square = cosine_distances(rep.weights, first_row);
    std::vector<double> condensed;
    condensed.reserve(k * (k - 1) / 2);
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = i + 1; j < k; ++j) condensed.push_back(square[i * k + j]);
    return condensed;
}

namespace {

void check_linkage(const std::vector<LinkageMerge>& merges, std::size_t k) {
    require(merges.size() == k - 1, "linkageFunction must return " + std::to_string(k - 1) + " merges (K - 1 rows for " +
                                        std::to_string(k) + " topics), got " + std::to_string(merges.size()));
    std::vector<bool> merged(2 * k - 1, false);
    std::vector<std::size_t> size(2 * k - 1, 1);
    for (std::size_t s = 0; s < merges.size(); ++s) {
        const auto& m = merges[s];
        const std::string row = "linkageFunction row " + std::to_string(s) + ": ";
        for (std::size_t c : {m.a, m.b})
            require(c < k + s, row + "cluster " + std::to_string(c) + " does not exist yet (ids below " + std::to_string(k + s) + ")");
        require(m.a != m.b, row + "merges cluster " + std::to_string(m.a) + " with itself");
        for (std::size_t c : {m.a, m.b}) require(!merged[c], row + "cluster " + std::to_string(c) + " was already merged");
        require(std::isfinite(m.distance) && m.distance >= 0, row + "the distance must be a finite number >= 0");
        size[k + s] = size[m.a] + size[m.b];
        require(m.size == 0 || m.size == size[k + s], row + "the count is " + std::to_string(m.size) + " but the merged cluster has " +
                                                         std::to_string(size[k + s]) + " topics");
        merged[m.a] = merged[m.b] = true;
    }
}

}  // namespace

std::vector<TopicMerge> hierarchical_topics(const TopicRepresentation& rep, const std::vector<int>& topic_ids,
                                            const std::vector<std::string>& documents, const std::vector<int>& labels,
                                            bool english, std::size_t top_n_words, const std::vector<LinkageMerge>* linkage) {
    // Topics other than -1, ascending: leaf t is topics[t], c-TF-IDF row first_row + t (-1, when
    // present, is the first row).
    const std::size_t first_row = !topic_ids.empty() && topic_ids.front() == -1 ? 1 : 0;
    const std::vector<int> topics(topic_ids.begin() + static_cast<std::ptrdiff_t>(first_row), topic_ids.end());
    require(topics.size() >= 2, "hierarchical topics: the model needs at least two topics other than the outliers");
    const std::size_t k = topics.size();

    std::vector<LinkageMerge> merges;
    if (linkage) {
        check_linkage(*linkage, k);
        merges = *linkage;
        // BERTopic makes the distances unique only when some repeat; so does make_distances_unique.
    } else {
        merges = ward_linkage(cosine_distances(rep.weights, first_row), k);
    }
    make_distances_unique(merges);

    // Bags of words of the topics' class documents (fitted vectorizer), summed per merge.
    CountMatrix bow = rep.vectorizer.transform(class_documents(documents, labels, topics, english));
    std::vector<std::vector<int>> leaves(2 * k - 1);
    for (std::size_t t = 0; t < k; ++t) leaves[t] = {static_cast<int>(t)};
    std::vector<std::string> name_of(2 * k - 1);
    for (std::size_t t = 0; t < k; ++t) name_of[t] = join_words(rep.words[first_row + t], 5);

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
