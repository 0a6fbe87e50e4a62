#pragma once
// Compressed sparse row matrix (scipy.sparse.csr_matrix layout): the document-term counts from
// CountVectorizer and the class-term matrix of c-TF-IDF. Row i's entries are
// indices[indptr[i] .. indptr[i+1]) with matching values; column indices sorted within a row.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace topicwasm {

template <class T>
struct CsrMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<std::size_t> indptr{0};
    std::vector<uint32_t> indices;
    std::vector<T> values;

    std::size_t nnz() const { return indices.size(); }
    std::size_t row_begin(std::size_t i) const { return indptr[i]; }
    std::size_t row_end(std::size_t i) const { return indptr[i + 1]; }
};

using CountMatrix = CsrMatrix<float>;

}  // namespace topicwasm
