#include "io/safetensors.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>

#include "core/error.hpp"

namespace topicwasm::safetensors {

namespace {

// ---- A minimal JSON reader: just what a safetensors header needs (objects, arrays, strings,
// numbers, literals), with a depth limit so hostile input cannot overflow the stack.
// An object member. Not std::pair<std::string, Json>: a pair cannot hold the still incomplete Json
// (clang with libstdc++ rejects it), a vector of a declared struct can.
struct Member;
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    std::string text;  // String: the decoded string; Number: the literal
    std::vector<Json> items;
    std::vector<Member> members;
};
struct Member {
    std::string key;
    Json value;
};

class JsonParser {
public:
    JsonParser(const char* p, std::size_t n) : p_(p), end_(p + n) {}

    Json parse_document() {
        Json v = value(0);
        skip_ws();
        if (p_ != end_) fail("trailing characters after the JSON header");
        return v;
    }

private:
    const char* p_;
    const char* end_;

    [[noreturn]] static void fail(const std::string& what) { throw Error("safetensors: bad header: " + what); }

    void skip_ws() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
    }
    char peek() {
        skip_ws();
        if (p_ == end_) fail("unexpected end of JSON");
        return *p_;
    }
    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++p_;
    }

    Json value(int depth) {
        if (depth > 32) fail("JSON nested too deeply");
        char c = peek();
        Json v;
        if (c == '{') {
            v.kind = Json::Object;
            ++p_;
            if (peek() == '}') {
                ++p_;
                return v;
            }
            for (;;) {
                if (peek() != '"') fail("expected a string key");
                std::string key = string();
                expect(':');
                v.members.push_back({std::move(key), value(depth + 1)});
                char d = peek();
                ++p_;
                if (d == '}') break;
                if (d != ',') fail("expected ',' or '}' in an object");
            }
        } else if (c == '[') {
            v.kind = Json::Array;
            ++p_;
            if (peek() == ']') {
                ++p_;
                return v;
            }
            for (;;) {
                v.items.push_back(value(depth + 1));
                char d = peek();
                ++p_;
                if (d == ']') break;
                if (d != ',') fail("expected ',' or ']' in an array");
            }
        } else if (c == '"') {
            v.kind = Json::String;
            v.text = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = Json::Number;
            const char* b = p_;
            while (p_ != end_ && (std::strchr("+-.eE", *p_) || (*p_ >= '0' && *p_ <= '9'))) ++p_;
            v.text.assign(b, p_);
        } else if (literal("true")) {
            v.kind = Json::Bool;
            v.text = "true";
        } else if (literal("false")) {
            v.kind = Json::Bool;
            v.text = "false";
        } else if (literal("null")) {
            v.kind = Json::Null;
        } else {
            fail("unexpected character in JSON");
        }
        return v;
    }

    bool literal(const char* word) {
        std::size_t n = std::strlen(word);
        if (static_cast<std::size_t>(end_ - p_) >= n && std::memcmp(p_, word, n) == 0) {
            p_ += n;
            return true;
        }
        return false;
    }

    unsigned hex4() {
        if (end_ - p_ < 4) fail("truncated \\u escape");
        unsigned u = 0;
        for (int i = 0; i < 4; ++i) {
            char h = *p_++;
            u <<= 4;
            if (h >= '0' && h <= '9') u |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') u |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') u |= unsigned(h - 'A' + 10);
            else fail("bad \\u escape");
        }
        return u;
    }

    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += char(cp);
        } else if (cp < 0x800) {
            out += char(0xC0 | (cp >> 6));
            out += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += char(0xE0 | (cp >> 12));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        } else {
            out += char(0xF0 | (cp >> 18));
            out += char(0x80 | ((cp >> 12) & 0x3F));
            out += char(0x80 | ((cp >> 6) & 0x3F));
            out += char(0x80 | (cp & 0x3F));
        }
    }

    std::string string() {
        expect('"');
        std::string out;
        for (;;) {
            if (p_ == end_) fail("unterminated string");
            char c = *p_++;
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (p_ == end_) fail("unterminated escape");
            char e = *p_++;
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
                        p_ += 2;
                        unsigned lo = hex4();
                        if (lo < 0xDC00 || lo >= 0xE000) fail("bad surrogate pair");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: fail("bad string escape");
            }
        }
    }
};

void append_json_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += char(c);
                }
        }
    }
    out += '"';
}

uint64_t parse_u64(const Json& v, const std::string& what) {
    if (v.kind != Json::Number || v.text.empty() || v.text.size() > 19)
        throw Error("safetensors: bad header: " + what + " must be a non-negative integer");
    uint64_t x = 0;
    for (char c : v.text) {
        if (c < '0' || c > '9') throw Error("safetensors: bad header: " + what + " must be a non-negative integer");
        x = x * 10 + uint64_t(c - '0');
    }
    return x;
}

Dtype parse_dtype(const std::string& s, const std::string& tensor) {
    static const std::pair<const char*, Dtype> names[] = {
        {"F64", Dtype::F64}, {"F32", Dtype::F32}, {"F16", Dtype::F16}, {"BF16", Dtype::BF16}, {"I64", Dtype::I64},
        {"I32", Dtype::I32}, {"I16", Dtype::I16}, {"I8", Dtype::I8},   {"U8", Dtype::U8},     {"BOOL", Dtype::BOOL}};
    for (auto& [n, d] : names)
        if (s == n) return d;
    throw Error("safetensors: tensor '" + tensor + "' has unsupported dtype '" + s + "'");
}

template <class T>
T load_le(const uint8_t* p) {
    // Every target we build for (x86-64, wasm32) is little-endian, as the format is.
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

template <class Out>
std::vector<Out> convert(const Tensor& t) {
    const std::size_t n = static_cast<std::size_t>(t.numel());
    std::vector<Out> out(n);
    const uint8_t* p = t.data.data();
    for (std::size_t i = 0; i < n; ++i) {
        switch (t.dtype) {
            case Dtype::F64: out[i] = static_cast<Out>(load_le<double>(p + 8 * i)); break;
            case Dtype::F32: out[i] = static_cast<Out>(load_le<float>(p + 4 * i)); break;
            case Dtype::F16: out[i] = static_cast<Out>(half_to_float(load_le<uint16_t>(p + 2 * i))); break;
            case Dtype::BF16: {
                uint32_t bits = uint32_t(load_le<uint16_t>(p + 2 * i)) << 16;
                float f;
                std::memcpy(&f, &bits, 4);
                out[i] = static_cast<Out>(f);
                break;
            }
            case Dtype::I64: out[i] = static_cast<Out>(load_le<int64_t>(p + 8 * i)); break;
            case Dtype::I32: out[i] = static_cast<Out>(load_le<int32_t>(p + 4 * i)); break;
            case Dtype::I16: out[i] = static_cast<Out>(load_le<int16_t>(p + 2 * i)); break;
            case Dtype::I8: out[i] = static_cast<Out>(load_le<int8_t>(p + i)); break;
            case Dtype::U8:
            case Dtype::BOOL: out[i] = static_cast<Out>(p[i]); break;
        }
    }
    return out;
}

template <class T>
Tensor make_raw(std::string name, Dtype dtype, std::vector<uint64_t> shape, const T* values) {
    Tensor t;
    t.name = std::move(name);
    t.dtype = dtype;
    t.shape = std::move(shape);
    uint64_t n = t.numel();
    require(n <= std::numeric_limits<std::size_t>::max() / sizeof(T), "safetensors: tensor '" + t.name + "' is too large");
    t.data.resize(static_cast<std::size_t>(n) * sizeof(T));
    if (n) std::memcpy(t.data.data(), values, t.data.size());
    return t;
}

}  // namespace

const char* dtype_name(Dtype d) {
    switch (d) {
        case Dtype::F64: return "F64";
        case Dtype::F32: return "F32";
        case Dtype::F16: return "F16";
        case Dtype::BF16: return "BF16";
        case Dtype::I64: return "I64";
        case Dtype::I32: return "I32";
        case Dtype::I16: return "I16";
        case Dtype::I8: return "I8";
        case Dtype::U8: return "U8";
        case Dtype::BOOL: return "BOOL";
    }
    return "?";
}

std::size_t dtype_size(Dtype d) {
    switch (d) {
        case Dtype::F64:
        case Dtype::I64: return 8;
        case Dtype::F32:
        case Dtype::I32: return 4;
        case Dtype::F16:
        case Dtype::BF16:
        case Dtype::I16: return 2;
        case Dtype::I8:
        case Dtype::U8:
        case Dtype::BOOL: return 1;
    }
    return 1;
}

float half_to_float(uint16_t h) {
    uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1F;
    uint32_t mant = h & 0x3FF;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {  // subnormal: renormalise
            int e = -1;
            do {
                ++e;
                mant <<= 1;
            } while ((mant & 0x400) == 0);
            bits = sign | uint32_t(127 - 15 - e) << 23 | (mant & 0x3FF) << 13;
        }
    } else if (exp == 31) {
        bits = sign | 0x7F800000u | (mant << 13);
    } else {
        bits = sign | (exp + 127 - 15) << 23 | (mant << 13);
    }
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

uint16_t float_to_half(float f) {
    uint32_t x;
    std::memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000;
    uint32_t absx = x & 0x7FFFFFFF;
    if (absx >= 0x7F800000) return uint16_t(sign | 0x7C00 | (absx > 0x7F800000 ? 0x200 : 0));  // inf / NaN
    if (absx >= 0x477FF000) return uint16_t(sign | 0x7C00);  // rounds past the largest half
    if (absx < 0x38800000) {                                   // subnormal half (or zero)
        if (absx < 0x33000000) return uint16_t(sign);
        uint32_t e = absx >> 23;
        uint32_t m = (absx & 0x7FFFFF) | 0x800000;
        uint32_t shift = 126 - e;  // 14..24
        uint32_t r = m >> shift;
        uint32_t rem = m & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (r & 1))) ++r;
        return uint16_t(sign | r);
    }
    uint32_t r = ((absx >> 13) - (112u << 10));
    uint32_t rem = absx & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (r & 1))) ++r;
    return uint16_t(sign | r);
}

uint64_t Tensor::numel() const {
    uint64_t n = 1;
    for (uint64_t d : shape) {
        if (d != 0 && n > std::numeric_limits<uint64_t>::max() / d)
            throw Error("safetensors: tensor '" + name + "' shape overflows");
        n *= d;
    }
    return n;
}

std::vector<float> Tensor::to_f32() const { return convert<float>(*this); }
std::vector<double> Tensor::to_f64() const { return convert<double>(*this); }
std::vector<int64_t> Tensor::to_i64() const {
    require(dtype != Dtype::F64 && dtype != Dtype::F32 && dtype != Dtype::F16 && dtype != Dtype::BF16,
            "safetensors: tensor '" + name + "' has floating dtype " + dtype_name(dtype) + ", expected an integer");
    return convert<int64_t>(*this);
}

Tensor make_f32(std::string name, std::vector<uint64_t> shape, const float* v) {
    return make_raw(std::move(name), Dtype::F32, std::move(shape), v);
}
Tensor make_f64(std::string name, std::vector<uint64_t> shape, const double* v) {
    return make_raw(std::move(name), Dtype::F64, std::move(shape), v);
}
Tensor make_i64(std::string name, std::vector<uint64_t> shape, const int64_t* v) {
    return make_raw(std::move(name), Dtype::I64, std::move(shape), v);
}
Tensor make_i32(std::string name, std::vector<uint64_t> shape, const int32_t* v) {
    return make_raw(std::move(name), Dtype::I32, std::move(shape), v);
}
Tensor make_f16(std::string name, std::vector<uint64_t> shape, const float* v) {
    Tensor t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    std::vector<uint16_t> h(static_cast<std::size_t>(t.numel()));
    for (std::size_t i = 0; i < h.size(); ++i) h[i] = float_to_half(v[i]);
    return make_raw(t.name, Dtype::F16, t.shape, h.data());
}

const Tensor* File::find(const std::string& name) const {
    for (const auto& t : tensors)
        if (t.name == name) return &t;
    return nullptr;
}

const Tensor& File::get(const std::string& name) const {
    const Tensor* t = find(name);
    if (!t) throw Error("safetensors: file has no tensor '" + name + "'");
    return *t;
}

void File::add(Tensor tensor) {
    require(!tensor.name.empty() && tensor.name != "__metadata__", "safetensors: invalid tensor name '" + tensor.name + "'");
    require(find(tensor.name) == nullptr, "safetensors: duplicate tensor name '" + tensor.name + "'");
    require(tensor.data.size() == tensor.numel() * dtype_size(tensor.dtype),
            "safetensors: tensor '" + tensor.name + "' data size does not match its shape");
    tensors.push_back(std::move(tensor));
}

File parse(const uint8_t* bytes, std::size_t size) {
    require(size >= 8, "safetensors: file truncated: " + std::to_string(size) + " bytes, need at least 8 for the header length");
    uint64_t header_len = load_le<uint64_t>(bytes);
    // The reference implementation caps headers at 100 MB; a larger value means a corrupt file.
    require(header_len <= 100'000'000, "safetensors: bad header length " + std::to_string(header_len));
    require(header_len <= size - 8, "safetensors: file truncated: header length " + std::to_string(header_len) +
                                        " exceeds the " + std::to_string(size - 8) + " bytes that follow");
    require(header_len >= 2 && bytes[8] == '{', "safetensors: bad header: not a JSON object");
    JsonParser parser(reinterpret_cast<const char*>(bytes + 8), static_cast<std::size_t>(header_len));
    Json root = parser.parse_document();
    require(root.kind == Json::Object, "safetensors: bad header: not a JSON object");

    const std::size_t data_begin = 8 + static_cast<std::size_t>(header_len);
    const uint64_t data_size = size - data_begin;
    File file;
    struct Span {
        uint64_t begin, end;
        std::size_t index;
    };
    std::vector<Span> spans;
    for (auto& [key, v] : root.members) {
        if (key == "__metadata__") {
            require(v.kind == Json::Object, "safetensors: bad header: __metadata__ must be an object");
            for (auto& [mk, mv] : v.members) {
                require(mv.kind == Json::String, "safetensors: bad header: metadata value '" + mk + "' is not a string");
                file.metadata[mk] = mv.text;
            }
            continue;
        }
        require(v.kind == Json::Object, "safetensors: bad header: entry '" + key + "' is not an object");
        const Json *dtype = nullptr, *shape = nullptr, *offsets = nullptr;
        for (auto& [f, fv] : v.members) {
            if (f == "dtype") dtype = &fv;
            else if (f == "shape") shape = &fv;
            else if (f == "data_offsets") offsets = &fv;
        }
        require(dtype && dtype->kind == Json::String, "safetensors: bad header: tensor '" + key + "' has no dtype");
        require(shape && shape->kind == Json::Array, "safetensors: bad header: tensor '" + key + "' has no shape");
        require(offsets && offsets->kind == Json::Array && offsets->items.size() == 2,
                "safetensors: bad header: tensor '" + key + "' needs data_offsets [begin, end]");
        Tensor t;
        t.name = key;
        t.dtype = parse_dtype(dtype->text, key);
        for (auto& d : shape->items) t.shape.push_back(parse_u64(d, "shape of '" + key + "'"));
        uint64_t b = parse_u64(offsets->items[0], "data_offsets of '" + key + "'");
        uint64_t e = parse_u64(offsets->items[1], "data_offsets of '" + key + "'");
        require(b <= e && e <= data_size, "safetensors: tensor '" + key + "' data_offsets [" + std::to_string(b) + ", " +
                                              std::to_string(e) + "] out of range (data is " +
                                              std::to_string(data_size) + " bytes)");
        uint64_t n = t.numel();
        require(n <= data_size && n * dtype_size(t.dtype) == e - b,
                "safetensors: tensor '" + key + "' shape does not match its data_offsets size");
        require(file.find(key) == nullptr, "safetensors: duplicate tensor name '" + key + "'");
        t.data.assign(bytes + data_begin + b, bytes + data_begin + e);
        spans.push_back({b, e, file.tensors.size()});
        file.tensors.push_back(std::move(t));
    }
    // Tensors must not overlap (the reference also requires them to tile the buffer; we only
    // insist on no overlap so files with trailing padding still load).
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    for (std::size_t i = 1; i < spans.size(); ++i)
        require(spans[i].begin >= spans[i - 1].end, "safetensors: tensors '" + file.tensors[spans[i - 1].index].name +
                                                        "' and '" + file.tensors[spans[i].index].name + "' overlap");
    std::vector<Tensor> ordered;
    ordered.reserve(spans.size());
    for (auto& s : spans) ordered.push_back(std::move(file.tensors[s.index]));
    file.tensors = std::move(ordered);
    return file;
}

std::vector<uint8_t> serialize(const File& file) {
    std::string header = "{";
    bool first = true;
    if (!file.metadata.empty()) {
        header += "\"__metadata__\":{";
        for (auto it = file.metadata.begin(); it != file.metadata.end(); ++it) {
            if (it != file.metadata.begin()) header += ',';
            append_json_string(header, it->first);
            header += ':';
            append_json_string(header, it->second);
        }
        header += '}';
        first = false;
    }
    uint64_t offset = 0;
    for (const auto& t : file.tensors) {
        require(t.data.size() == t.numel() * dtype_size(t.dtype),
                "safetensors: tensor '" + t.name + "' data size does not match its shape");
        if (!first) header += ',';
        first = false;
        append_json_string(header, t.name);
        header += ":{\"dtype\":\"";
        header += dtype_name(t.dtype);
        header += "\",\"shape\":[";
        for (std::size_t i = 0; i < t.shape.size(); ++i) {
            if (i) header += ',';
            header += std::to_string(t.shape[i]);
        }
        header += "],\"data_offsets\":[" + std::to_string(offset) + "," + std::to_string(offset + t.data.size()) + "]}";
        offset += t.data.size();
    }
    header += '}';
    while (header.size() % 8) header += ' ';
    std::vector<uint8_t> out(8 + header.size() + static_cast<std::size_t>(offset));
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out[i] = uint8_t(n >> (8 * i));
    std::memcpy(out.data() + 8, header.data(), header.size());
    std::size_t pos = 8 + header.size();
    for (const auto& t : file.tensors) {
        if (!t.data.empty()) std::memcpy(out.data() + pos, t.data.data(), t.data.size());
        pos += t.data.size();
    }
    return out;
}

File read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    require(bool(in), "safetensors: cannot open '" + path + "'");
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return parse(bytes);
}

void write_file(const std::string& path, const File& file) {
    std::vector<uint8_t> bytes = serialize(file);
    std::ofstream out(path, std::ios::binary);
    require(bool(out), "safetensors: cannot write '" + path + "'");
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    require(bool(out), "safetensors: write to '" + path + "' failed");
}

std::string encode_string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, items[i]);
    }
    out += ']';
    return out;
}

std::vector<std::string> decode_string_list(const std::string& json) {
    JsonParser parser(json.data(), json.size());
    Json v = parser.parse_document();
    require(v.kind == Json::Array, "safetensors: metadata value is not a JSON array");
    std::vector<std::string> out;
    out.reserve(v.items.size());
    for (auto& item : v.items) {
        require(item.kind == Json::String, "safetensors: metadata array holds a non-string");
        out.push_back(item.text);
    }
    return out;
}

}  // namespace topicwasm::safetensors
