#pragma once
// Layout of the generated tables in unicode_tables.cpp (see scripts/gen_unicode_tables.py).
#include <cstddef>
#include <cstdint>

namespace topicwasm::unicode::tables {

struct CodeRange { char32_t first, last; };               // inclusive
struct CategoryRun { char32_t start; uint8_t category; };  // category from `start` to the next run
struct Mapping { char32_t code; uint32_t offset; uint8_t length; };  // into a code point pool

extern const CodeRange kWordRanges[];
extern const std::size_t kWordRangeCount;
extern const char* const kCategoryNames[];
extern const CategoryRun kCategoryRuns[];
extern const std::size_t kCategoryRunCount;
extern const char32_t kLowerPool[];
extern const Mapping kLowerMap[];
extern const std::size_t kLowerMapCount;
extern const char32_t kNfdPool[];
extern const Mapping kNfdMap[];
extern const std::size_t kNfdMapCount;

}  // namespace topicwasm::unicode::tables
