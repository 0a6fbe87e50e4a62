#include "io/bertopic_files.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "io/safetensors.hpp"

namespace topicwasm::bertopic_files {

namespace {

namespace st = topicwasm::safetensors;

// Runs `body`, prefixing any Error with the file's name so the user knows which file is bad.
template <class F>
auto in_file(const char* file, F&& body) {
    try {
        return body();
    } catch (const Error& e) {
        throw Error(std::string(file) + ": " + e.what());
    }
}

bool is_float(st::Dtype d) {
    return d == st::Dtype::F64 || d == st::Dtype::F32 || d == st::Dtype::F16 || d == st::Dtype::BF16;
}

const st::Tensor& tensor(const st::File& f, const char* name, std::size_t rank, bool floating) {
    const st::Tensor& t = f.get(name);
    require(t.shape.size() == rank, std::string("tensor '") + name + "' must have " + std::to_string(rank) +
                                        " dimension(s), got " + std::to_string(t.shape.size()));
    require(is_float(t.dtype) == floating, std::string("tensor '") + name + "' must have " +
                                               (floating ? "a floating-point" : "an integer") + " dtype, got " +
                                               st::dtype_name(t.dtype));
    return t;
}

}  // namespace

std::vector<uint8_t> write_topic_embeddings(const Matrix& m) {
    st::File f;
    f.add(st::make_f32("topic_embeddings", {m.rows, m.cols}, m.data.data()));
    return st::serialize(f);
}

Matrix read_topic_embeddings(const uint8_t* bytes, std::size_t size, std::size_t n_topics) {
    return in_file(kTopicEmbeddingsFile, [&] {
        st::File f = st::parse(bytes, size);
        const st::Tensor& t = tensor(f, "topic_embeddings", 2, true);
        require(t.dtype == st::Dtype::F32 || t.dtype == st::Dtype::F64,
                std::string("tensor 'topic_embeddings' must be F32 or F64, got ") + st::dtype_name(t.dtype));
        // 0 rows: a model without topic embeddings (topicwasm's manual fits), which cannot transform.
        require(t.shape[0] == n_topics || t.shape[0] == 0, "topic_embeddings has " + std::to_string(t.shape[0]) + " rows but topics.json has " +
                                            std::to_string(n_topics) + " topics");
        Matrix m(t.shape[0], t.shape[1]);
        m.data = t.to_f32();
        for (float v : m.data) require(std::isfinite(v), "topic_embeddings contains NaN or Inf");
        return m;
    });
}

std::vector<uint8_t> write_ctfidf(const WeightMatrix& w, const std::vector<double>& idf) {
    std::vector<int32_t> indices(w.indices.begin(), w.indices.end());
    std::vector<int32_t> indptr(w.indptr.begin(), w.indptr.end());
    require(w.nnz() <= 2147483647u, "c-TF-IDF has too many entries for int32 indices");
    const int64_t shape[2] = {static_cast<int64_t>(w.rows), static_cast<int64_t>(w.cols)};
    st::File f;
    // Python's safetensors orders tensors by name (the header is a sorted map); so do we.
    f.add(st::make_f64("data", {w.nnz()}, w.values.data()));
    f.add(st::make_f64("diag", {idf.size()}, idf.data()));
    f.add(st::make_i32("indices", {indices.size()}, indices.data()));
    f.add(st::make_i32("indptr", {indptr.size()}, indptr.data()));
    f.add(st::make_i64("shape", {2}, shape));
    return st::serialize(f);
}

Ctfidf read_ctfidf(const uint8_t* bytes, std::size_t size, std::size_t n_topics, std::size_t vocabulary_size) {
    return in_file(kCtfidfFile, [&] {
        st::File f = st::parse(bytes, size);
        const auto shape = tensor(f, "shape", 1, false).to_i64();
        require(shape.size() == 2, "tensor 'shape' must hold 2 values, got " + std::to_string(shape.size()));
        require(shape[0] == static_cast<int64_t>(n_topics),
                "c-TF-IDF has " + std::to_string(shape[0]) + " rows but topics.json has " + std::to_string(n_topics) + " topics");
        require(shape[1] == static_cast<int64_t>(vocabulary_size), "c-TF-IDF has " + std::to_string(shape[1]) +
                                                                       " columns but ctfidf_config.json's vocabulary has " +
                                                                       std::to_string(vocabulary_size) + " terms");
        Ctfidf out;
        WeightMatrix& w = out.weights;
        w.rows = n_topics;
        w.cols = vocabulary_size;
        w.values = tensor(f, "data", 1, true).to_f64();
        const auto indices = tensor(f, "indices", 1, false).to_i64();
        const auto indptr = tensor(f, "indptr", 1, false).to_i64();
        out.idf = tensor(f, "diag", 1, true).to_f64();
        require(out.idf.size() == vocabulary_size, "tensor 'diag' (idf) has " + std::to_string(out.idf.size()) +
                                                       " values but the vocabulary has " + std::to_string(vocabulary_size) +
                                                       " terms");
        require(indices.size() == w.values.size(), "tensors 'indices' and 'data' differ in length");
        require(indptr.size() == n_topics + 1, "tensor 'indptr' must have rows + 1 = " + std::to_string(n_topics + 1) +
                                                   " values, got " + std::to_string(indptr.size()));
        require(indptr.front() == 0 && indptr.back() == static_cast<int64_t>(indices.size()),
                "tensor 'indptr' must run from 0 to the number of entries");
        w.indptr.assign(indptr.size(), 0);
        for (std::size_t i = 0; i < indptr.size(); ++i) {
            require(i == 0 || indptr[i] >= indptr[i - 1], "tensor 'indptr' is not non-decreasing");
            w.indptr[i] = static_cast<std::size_t>(indptr[i]);
        }
        w.indices.reserve(indices.size());
        for (int64_t j : indices) {
            require(j >= 0 && j < static_cast<int64_t>(vocabulary_size),
                    "tensor 'indices' holds column " + std::to_string(j) + ", outside the vocabulary");
            w.indices.push_back(static_cast<uint32_t>(j));
        }
        for (double v : w.values) require(std::isfinite(v), "tensor 'data' contains NaN or Inf");
        for (double v : out.idf) require(std::isfinite(v), "tensor 'diag' contains NaN or Inf");
        return out;
    });
}

}  // namespace topicwasm::bertopic_files
