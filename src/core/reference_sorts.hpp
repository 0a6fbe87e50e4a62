#pragma once
// Two sorting routines written to produce the exact element order of the implementations the
// Python reference runs on, because among equal keys that order shows in the results: which of two
// exactly tied mutual-reachability edges HDBSCAN merges first (cluster/dual_tree_boruvka.hpp), and
// how BERTopic numbers topics of equal size (pandas sorts them with numpy's argsort):
//
//   gnu_nth_element : libstdc++'s std::nth_element (introselect: median-of-three pivot, unguarded
//                     partition, heap select past the depth limit, insertion sort below 4
//                     elements). scikit-learn's KDTree partitions its nodes with it, and its
//                     wheels are built with GCC. Emscripten's libc++ orders elements differently,
//                     so we cannot call std::nth_element and get the same tree on every platform.
//   numpy_argsort   : NumPy 1.24's default argsort for float64 (npysort/quicksort.cpp, introsort:
//                     median-of-three quicksort, insertion sort at <= 16 elements, heapsort past
//                     the depth limit). It is not stable; hdbscan sorts its MST edges with it,
//                     and pandas' sort_values (BERTopic's topic sizes) goes through it too.
//   numpy_argpartition: NumPy 1.24's argpartition (introselect), which BERTopic uses to pick each
//                     topic's 30 best words before sorting them.
//
// Both are plain ports of the algorithms' control flow; they are only correct orderings otherwise.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace topicwasm {

namespace gnu_detail {

template <class T, class Less>
void adjust_heap(T* first, std::ptrdiff_t hole, std::ptrdiff_t len, T value, Less less) {
    const std::ptrdiff_t top = hole;
    std::ptrdiff_t child = hole;
    while (child < (len - 1) / 2) {
        child = 2 * (child + 1);
        if (less(first[child], first[child - 1])) --child;
        first[hole] = first[child];
        hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
        child = 2 * (child + 1);
        first[hole] = first[child - 1];
        hole = child - 1;
    }
    // push_heap back up towards top
    std::ptrdiff_t parent = (hole - 1) / 2;
    while (hole > top && less(first[parent], value)) {
        first[hole] = first[parent];
        hole = parent;
        parent = (hole - 1) / 2;
    }
    first[hole] = value;
}

template <class T, class Less>
void heap_select(T* first, T* middle, T* last, Less less) {
    const std::ptrdiff_t len = middle - first;
    if (len >= 2) {  // make_heap
        for (std::ptrdiff_t parent = (len - 2) / 2;; --parent) {
            adjust_heap(first, parent, len, first[parent], less);
            if (parent == 0) break;
        }
    }
    for (T* i = middle; i < last; ++i) {
        if (less(*i, *first)) {  // pop_heap(first, middle, i)
            T value = *i;
            *i = *first;
            adjust_heap(first, std::ptrdiff_t{0}, len, value, less);
        }
    }
}

template <class T, class Less>
void move_median_to_first(T* result, T* a, T* b, T* c, Less less) {
    if (less(*a, *b)) {
        if (less(*b, *c)) std::swap(*result, *b);
        else if (less(*a, *c)) std::swap(*result, *c);
        else std::swap(*result, *a);
    } else if (less(*a, *c)) {
        std::swap(*result, *a);
    } else if (less(*b, *c)) {
        std::swap(*result, *c);
    } else {
        std::swap(*result, *b);
    }
}

template <class T, class Less>
T* unguarded_partition(T* first, T* last, T* pivot, Less less) {
    while (true) {
        while (less(*first, *pivot)) ++first;
        --last;
        while (less(*pivot, *last)) --last;
        if (!(first < last)) return first;
        std::swap(*first, *last);
        ++first;
    }
}

template <class T, class Less>
void insertion_sort(T* first, T* last, Less less) {
    if (first == last) return;
    for (T* i = first + 1; i != last; ++i) {
        T value = *i;
        if (less(value, *first)) {
            for (T* j = i; j != first; --j) *j = *(j - 1);
            *first = value;
        } else {
            T* hole = i;
            for (T* prev = i - 1; less(value, *prev); --prev) {
                *hole = *prev;
                hole = prev;
            }
            *hole = value;
        }
    }
}

inline int floor_log2(std::ptrdiff_t n) {
    int k = 0;
    while (n > 1) {
        n >>= 1;
        ++k;
    }
    return k;
}

}  // namespace gnu_detail

template <class T, class Less>
void gnu_nth_element(T* first, T* nth, T* last, Less less) {
    using namespace gnu_detail;
    if (first == last || nth == last) return;
    int depth_limit = floor_log2(last - first) * 2;
    while (last - first > 3) {
        if (depth_limit == 0) {
            heap_select(first, nth + 1, last, less);
            std::swap(*first, *nth);
            return;
        }
        --depth_limit;
        T* mid = first + (last - first) / 2;
        move_median_to_first(first, first + 1, mid, last - 1, less);
        T* cut = unguarded_partition(first + 1, last, first, less);
        if (cut <= nth) first = cut;
        else last = cut;
    }
    insertion_sort(first, last, less);
}

// Indices that sort `values` ascending, in NumPy 1.24's order among equal values.
std::vector<std::size_t> numpy_argsort(const std::vector<double>& values);

// np.argpartition(values, kth) of NumPy 1.24 (npysort/selection.cpp, introselect: selection sort
// for kth < 3, a max scan for the last element, median-of-three quickselect, median of medians
// past the depth limit): the index array in the order it leaves it. kth < values.size().
std::vector<std::size_t> numpy_argpartition(const std::vector<double>& values, std::size_t kth);

}  // namespace topicwasm
