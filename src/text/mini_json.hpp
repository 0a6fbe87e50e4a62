#pragma once
// A small JSON reader: just enough to take a Hugging Face tokenizer.json apart (objects, arrays,
// strings with \u escapes, numbers, true/false/null). Strict RFC 8259 syntax; malformed input
// throws topicwasm::Error naming the byte offset. Nesting is capped so hostile input cannot
// overflow the stack.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace topicwasm::json {

// An object member (not std::pair<std::string, Value>: a pair cannot hold the still incomplete
// Value, which clang with libstdc++ rejects; a vector of a declared struct can).
struct Member;

class Value {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    Type type = Type::Null;
    bool boolean = false;
    double number = 0.0;
    std::string string;                                 // UTF-8
    std::vector<Value> array;
    std::vector<Member> object;  // in document order

    bool is_null() const { return type == Type::Null; }
    bool is_object() const { return type == Type::Object; }
    bool is_array() const { return type == Type::Array; }
    bool is_string() const { return type == Type::String; }
    bool is_number() const { return type == Type::Number; }
    bool is_bool() const { return type == Type::Bool; }

    // Member lookup (last duplicate wins, as in most parsers); nullptr when absent or not an object.
    const Value* find(std::string_view key) const;
};

struct Member {
    std::string key;
    Value value;
};

// Parses a whole document (surrounding whitespace allowed, nothing else after the value).
Value parse(std::string_view text);

}  // namespace topicwasm::json
