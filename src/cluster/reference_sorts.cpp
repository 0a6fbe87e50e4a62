#include "cluster/reference_sorts.hpp"

#include <numeric>

namespace topicwasm {

namespace {

// NumPy's float ordering: NaNs sort last.
bool numpy_less(double a, double b) { return a < b || (b != b && a == a); }

// npysort's aheapsort_, used when the quicksort recursion gets too deep. 1-based heap indexing.
void numpy_aheapsort(const double* v, std::size_t* tosort, std::ptrdiff_t n) {
    std::size_t* a = tosort - 1;
    std::ptrdiff_t i, j, l;
    std::size_t tmp;
    for (l = n >> 1; l > 0; --l) {
        tmp = a[l];
        for (i = l, j = l << 1; j <= n;) {
            if (j < n && numpy_less(v[a[j]], v[a[j + 1]])) j += 1;
            if (numpy_less(v[tmp], v[a[j]])) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
    for (; n > 1;) {
        tmp = a[n];
        a[n] = a[1];
        n -= 1;
        for (i = 1, j = 2; j <= n;) {
            if (j < n && numpy_less(v[a[j]], v[a[j + 1]])) j++;
            if (numpy_less(v[tmp], v[a[j]])) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
}

}  // namespace

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
