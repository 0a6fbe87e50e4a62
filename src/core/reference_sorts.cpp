#include "core/reference_sorts.hpp"

#include <numeric>

#include "core/error.hpp"

namespace topicwasm {

namespace {

// NumPy's float ordering: NaNs sort last.
bool numpy_less(double a, double b) { return a < b || (b != b && a == a); }

// npysort's aheapsort_, used when the quicksort recursion gets too deep. 1-based heap indexing:
// a[1..n]. sift_down places `value` at hole i of the heap a[1..n], as both of its loops do.
void numpy_sift_down(const double* v, std::size_t* a, std::ptrdiff_t i, std::ptrdiff_t n, std::size_t value) {
    for (std::ptrdiff_t j = i << 1; j <= n;) {
        if (j < n && numpy_less(v[a[j]], v[a[j + 1]])) j += 1;
        if (!numpy_less(v[value], v[a[j]])) break;
        a[i] = a[j];
        i = j;
        j += j;
    }
    a[i] = value;
}

void numpy_aheapsort(const double* v, std::size_t* tosort, std::ptrdiff_t n) {
    std::size_t* a = tosort - 1;
    for (std::ptrdiff_t l = n >> 1; l > 0; --l) numpy_sift_down(v, a, l, n, a[l]);
    for (; n > 1;) {
        const std::size_t value = a[n];
        a[n] = a[1];
        n -= 1;
        numpy_sift_down(v, a, 1, n, value);
    }
}

// ---- introselect (npysort/selection.cpp), argsort flavour: v is read through the index array t.

void dumb_select(const double* v, std::size_t* t, std::ptrdiff_t num, std::ptrdiff_t kth) {
    for (std::ptrdiff_t i = 0; i <= kth; i++) {
        std::ptrdiff_t minidx = i;
        double minval = v[t[i]];
        for (std::ptrdiff_t k = i + 1; k < num; k++) {
            if (numpy_less(v[t[k]], minval)) {
                minidx = k;
                minval = v[t[k]];
            }
        }
        std::swap(t[i], t[minidx]);
    }
}

std::ptrdiff_t median5(const double* v, std::size_t* t) {
    if (numpy_less(v[t[1]], v[t[0]])) std::swap(t[1], t[0]);
    if (numpy_less(v[t[4]], v[t[3]])) std::swap(t[4], t[3]);
    if (numpy_less(v[t[3]], v[t[0]])) std::swap(t[3], t[0]);
    if (numpy_less(v[t[4]], v[t[1]])) std::swap(t[4], t[1]);
    if (numpy_less(v[t[2]], v[t[1]])) std::swap(t[2], t[1]);
    if (numpy_less(v[t[3]], v[t[2]])) return numpy_less(v[t[3]], v[t[1]]) ? 1 : 3;
    return 2;
}

void median3_swap(const double* v, std::size_t* t, std::ptrdiff_t low, std::ptrdiff_t mid, std::ptrdiff_t high) {
    if (numpy_less(v[t[high]], v[t[mid]])) std::swap(t[high], t[mid]);
    if (numpy_less(v[t[high]], v[t[low]])) std::swap(t[high], t[low]);
    if (numpy_less(v[t[low]], v[t[mid]])) std::swap(t[low], t[mid]);  // pivot to low
    std::swap(t[mid], t[low + 1]);                                    // 3-lowest to low + 1
}

void introselect(const double* v, std::size_t* t, std::ptrdiff_t num, std::ptrdiff_t kth);

std::ptrdiff_t median_of_median5(const double* v, std::size_t* t, std::ptrdiff_t num) {
    const std::ptrdiff_t nmed = num / 5;
    for (std::ptrdiff_t i = 0, subleft = 0; i < nmed; i++, subleft += 5) {
        const std::ptrdiff_t m = median5(v, t + subleft);
        std::swap(t[subleft + m], t[i]);
    }
    if (nmed > 2) introselect(v, t, nmed, nmed / 2);
    return nmed / 2;
}

void introselect(const double* v, std::size_t* t, std::ptrdiff_t num, std::ptrdiff_t kth) {
    std::ptrdiff_t low = 0, high = num - 1;
    if (kth - low < 3) {
        dumb_select(v, t + low, high - low + 1, kth - low);
        return;
    }
    if (kth == num - 1) {  // NumPy's shortcut for the maximum of a float array
        std::ptrdiff_t maxidx = low;
        double maxval = v[t[low]];
        for (std::ptrdiff_t k = low + 1; k < num; k++) {
            if (!numpy_less(v[t[k]], maxval)) {
                maxidx = k;
                maxval = v[t[k]];
            }
        }
        std::swap(t[kth], t[maxidx]);
        return;
    }
    int depth_limit = 0;
    for (auto u = static_cast<std::size_t>(num); u >>= 1;) ++depth_limit;
    depth_limit *= 2;
    while (low + 1 < high) {
        std::ptrdiff_t ll = low + 1, hh = high;
        if (depth_limit > 0 || hh - ll < 5) {
            median3_swap(v, t, low, low + (high - low) / 2, high);
        } else {
            const std::ptrdiff_t mid = ll + median_of_median5(v, t + ll, hh - ll);
            std::swap(t[mid], t[low]);
            ll--;
            hh++;
        }
        depth_limit--;
        const double pivot = v[t[low]];
        for (;;) {  // unguarded partition
            do ll++;
            while (numpy_less(v[t[ll]], pivot));
            do hh--;
            while (numpy_less(pivot, v[t[hh]]));
            if (hh < ll) break;
            std::swap(t[ll], t[hh]);
        }
        std::swap(t[low], t[hh]);
        if (hh >= kth) high = hh - 1;
        if (hh <= kth) low = ll;
    }
    if (low + 1 == high && numpy_less(v[t[high]], v[t[low]])) std::swap(t[high], t[low]);
}

}  // namespace

std::vector<std::size_t> numpy_argpartition(const std::vector<double>& values, std::size_t kth) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    require(kth < values.size(), "numpy_argpartition: kth out of range");
    introselect(values.data(), order.data(), static_cast<std::ptrdiff_t>(values.size()), static_cast<std::ptrdiff_t>(kth));
    return order;
}

std::vector<std::size_t> numpy_argsort(const std::vector<double>& values) {
    const auto num = static_cast<std::ptrdiff_t>(values.size());
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (num < 2) return order;
    constexpr std::ptrdiff_t kSmallQuicksort = 15;
    const double* v = values.data();
    std::size_t* pl = order.data();
    std::size_t* pr = pl + num - 1;
    std::vector<std::size_t*> stack;
    std::vector<int> depth;
    int cdepth = 0;
    for (auto u = static_cast<std::size_t>(num); u >>= 1;) ++cdepth;  // npy_get_msb
    cdepth *= 2;

    for (;;) {
        if (cdepth < 0) {
            numpy_aheapsort(v, pl, pr - pl + 1);
        } else {
            while (pr - pl > kSmallQuicksort) {
                std::size_t* pm = pl + ((pr - pl) >> 1);
                if (numpy_less(v[*pm], v[*pl])) std::swap(*pm, *pl);
                if (numpy_less(v[*pr], v[*pm])) std::swap(*pr, *pm);
                if (numpy_less(v[*pm], v[*pl])) std::swap(*pm, *pl);
                const double vp = v[*pm];
                std::size_t* pi = pl;
                std::size_t* pj = pr - 1;
                std::swap(*pm, *pj);
                for (;;) {
                    do ++pi;
                    while (numpy_less(v[*pi], vp));
                    do --pj;
                    while (numpy_less(vp, v[*pj]));
                    if (pi >= pj) break;
                    std::swap(*pi, *pj);
                }
                std::swap(*pi, *(pr - 1));
                // Recurse into the smaller side first; the larger one waits on the stack.
                if (pi - pl < pr - pi) {
                    stack.push_back(pi + 1);
                    stack.push_back(pr);
                    pr = pi - 1;
                } else {
                    stack.push_back(pl);
                    stack.push_back(pi - 1);
                    pl = pi + 1;
                }
                depth.push_back(--cdepth);
            }
            for (std::size_t* pi = pl + 1; pi <= pr; ++pi) {  // insertion sort
                const std::size_t vi = *pi;
                const double vp = v[vi];
                std::size_t* pj = pi;
                std::size_t* pk = pi - 1;
                while (pj > pl && numpy_less(vp, v[*pk])) *pj-- = *pk--;
                *pj = vi;
            }
        }
        if (stack.empty()) break;
        pr = stack.back();
        stack.pop_back();
        pl = stack.back();
        stack.pop_back();
        cdepth = depth.back();
        depth.pop_back();
    }
    return order;
}

}  // namespace topicwasm
