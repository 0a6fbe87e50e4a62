// Every C++ allocation 16-byte aligned in WebAssembly, as it is natively on x86-64.
//
// Why: Emscripten's malloc (dlmalloc, 3.1.6) aligns to 8 bytes. Eigen's vectorised loops over data
// Map'd from a std::vector (src/ctm) handle a start that is not 16-aligned with scalar steps first,
// so sums were added in an order that depended on where the vector landed, i.e. on what had been
// allocated before: the same seed trained a different CTM the second time in one process
// (thetas differed by up to 5e-3 after 4 epochs). With a 16-aligned start the order is the same
// every run. Replacing the global operator new covers std::vector and every other container.
#ifdef __EMSCRIPTEN__
#include <cstdlib>
#include <new>

void* operator new(std::size_t size) {
    void* p = nullptr;
    if (posix_memalign(&p, 16, size ? size : 1) != 0) throw std::bad_alloc();
    return p;
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    void* p = nullptr;
    return posix_memalign(&p, 16, size ? size : 1) == 0 ? p : nullptr;
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#endif
