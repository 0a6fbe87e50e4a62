#pragma once
// The two tensor files of BERTopic's safetensors model directory (BERTopic 0.17
// bertopic/_save_utils.py, save_hf and save_ctfidf), read and written byte-compatibly:
//
//   topic_embeddings.safetensors  {"topic_embeddings": F32 [topics, dim]}  (rows in ascending topic id)
//   ctfidf.safetensors            scipy's CSR c_tf_idf_ [topics, vocabulary]: "data" F64,
//                                 "indices" I32, "indptr" I32, "shape" I64 [2], and "diag" F64,
//                                 the idf weights (ClassTfidfTransformer._idf_diag.data)
//
// The JSON files (config.json, topics.json, ctfidf_config.json) are read and written in JavaScript
// (web/model_files.js). Every problem throws Error with a message starting with the file's name.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/matrix.hpp"
#include "represent/ctfidf.hpp"

namespace topicwasm::bertopic_files {

inline constexpr const char* kTopicEmbeddingsFile = "topic_embeddings.safetensors";
inline constexpr const char* kCtfidfFile = "ctfidf.safetensors";

std::vector<uint8_t> write_topic_embeddings(const Matrix& embeddings);
// F32 as BERTopic >= 0.16 writes it; F64 (older versions saved numpy's float64) is narrowed.
// The matrix must have n_topics rows.
Matrix read_topic_embeddings(const uint8_t* bytes, std::size_t size, std::size_t n_topics);

struct Ctfidf {
    WeightMatrix weights;     // n_topics x vocabulary_size
    std::vector<double> idf;  // vocabulary_size
};

// Tensors in the order (and so with the header) safetensors' Python writer produces.
std::vector<uint8_t> write_ctfidf(const WeightMatrix& weights, const std::vector<double>& idf);
// Checks the CSR structure (indptr monotone from 0 to nnz, column indices in range), finite
// weights, and that the shape is n_topics x vocabulary_size.
Ctfidf read_ctfidf(const uint8_t* bytes, std::size_t size, std::size_t n_topics, std::size_t vocabulary_size);

}  // namespace topicwasm::bertopic_files
