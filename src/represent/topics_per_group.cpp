#include "represent/topics_per_group.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"

namespace topicwasm {

namespace {

using SparseRow = std::vector<std::pair<uint32_t, double>>;  // sorted by column

SparseRow row_of(const WeightMatrix& m, std::size_t r, bool l1) {
    SparseRow row;
    double sum = 0;
    for (std::size_t k = m.row_begin(r); k < m.row_end(r); ++k) {
        row.emplace_back(m.indices[k], m.values[k]);
        sum += std::abs(m.values[k]);
    }
    if (l1 && sum > 0)
        for (auto& [_, v] : row) v /= sum;
    return row;
}

// (a + b) / 2 over the union of their columns.
SparseRow average(const SparseRow& a, const SparseRow& b) {
    SparseRow out;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
            out.emplace_back(a[i].first, a[i].second / 2), ++i;
        } else if (i == a.size() || b[j].first < a[i].first) {
            out.emplace_back(b[j].first, b[j].second / 2), ++j;
        } else {
            out.emplace_back(a[i].first, (a[i].second + b[j].second) / 2), ++i, ++j;
        }
    }
    return out;
}

WeightMatrix to_csr(const std::vector<SparseRow>& rows, std::size_t cols) {
    WeightMatrix m;
    m.rows = rows.size();
    m.cols = cols;
    for (const auto& row : rows) {
        for (const auto& [c, v] : row) {
            m.indices.push_back(c);
            m.values.push_back(v);
        }
        m.indptr.push_back(m.indices.size());
    }
    return m;
}

}  // namespace

std::vector<GroupTopic> topics_per_group(const TopicRepresentation& rep, const std::vector<int>& topic_ids,
                                         const std::vector<std::string>& documents, const std::vector<int>& labels,
                                         const std::vector<std::size_t>& groups, const TopicsPerGroupOptions& options) {
    require(labels.size() == documents.size() && groups.size() == documents.size(),
            "topics per group: documents, topics and groups differ in length");
    require(topic_ids.size() == rep.weights.rows, "topics per group: topic ids do not match the c-TF-IDF rows");
    std::unordered_map<int, std::size_t> global_row;
    for (std::size_t r = 0; r < topic_ids.size(); ++r) global_row[topic_ids[r]] = r;
    for (int label : labels) require(global_row.count(label) > 0, "topics per group: topic " + std::to_string(label) + " is not a topic of the model");

    std::map<std::size_t, std::vector<std::size_t>> members;  // group -> documents, ascending groups
    for (std::size_t i = 0; i < documents.size(); ++i) members[groups[i]].push_back(i);

    const bool normalise = options.global_tuning || options.evolution_tuning;
    std::map<int, SparseRow> previous;  // topic -> its tuned row in the previous group
    std::vector<GroupTopic> result;
    for (const auto& [group, docs] : members) {
        std::vector<std::string> texts;
        std::vector<int> topics_of_docs;
        std::map<int, std::size_t> frequency;
        for (auto i : docs) {
            texts.push_back(documents[i]);
            topics_of_docs.push_back(labels[i]);
            ++frequency[labels[i]];
        }
        std::vector<int> present;
        for (const auto& [topic, _] : frequency) present.push_back(topic);

        WeightMatrix local = rep.ctfidf.transform(rep.vectorizer.transform(class_documents(texts, topics_of_docs, present, options.english)));
        std::vector<SparseRow> rows;
        for (std::size_t r = 0; r < present.size(); ++r) rows.push_back(row_of(local, r, normalise));
        std::map<int, SparseRow> current;
        for (std::size_t r = 0; r < present.size(); ++r) {
            int topic = present[r];
            if (options.evolution_tuning) {
                auto before = previous.find(topic);
                if (before != previous.end()) rows[r] = average(rows[r], before->second);
            }
            if (options.global_tuning) rows[r] = average(row_of(rep.weights, global_row.at(topic), true), rows[r]);
            if (options.evolution_tuning) current[topic] = rows[r];
        }
        previous = std::move(current);

        auto words = top_words(to_csr(rows, rep.weights.cols), rep.vectorizer.feature_names(), options.top_n_words);
        for (std::size_t r = 0; r < present.size(); ++r)
            result.push_back({group, present[r], frequency[present[r]], std::move(words[r])});
    }
    return result;
}

}  // namespace topicwasm
