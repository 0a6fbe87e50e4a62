#pragma once
// Reader and writer of the safetensors format (huggingface/safetensors, the format BERTopic uses
// with serialization="safetensors"):
//
//   [8 bytes: header length N, little-endian u64]
//   [N bytes: UTF-8 JSON object {"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets"}}]
//   [data: each tensor's bytes, little-endian, row-major, at data_offsets relative to here]
//
// Files are parsed fully into memory (no mapping: wasm hands us a byte array anyway). Every
// structural problem (truncation, bad JSON, unknown dtype, offsets out of range or overlapping,
// shape/size mismatch) throws topicwasm::Error naming the problem.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace topicwasm::safetensors {

enum class Dtype { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL };

const char* dtype_name(Dtype dtype);
std::size_t dtype_size(Dtype dtype);

struct Tensor {
    std::string name;
    Dtype dtype = Dtype::F32;
    std::vector<uint64_t> shape;
    std::vector<uint8_t> data;  // little-endian element bytes, row-major

    uint64_t numel() const;
    // Converts any floating or integer dtype to float32 (F16/BF16 widened exactly).
    std::vector<float> to_f32() const;
    std::vector<double> to_f64() const;
    // Integer dtypes (and BOOL/U8) to int64; floating dtypes throw.
    std::vector<int64_t> to_i64() const;
};

Tensor make_f32(std::string name, std::vector<uint64_t> shape, const float* values);
Tensor make_f64(std::string name, std::vector<uint64_t> shape, const double* values);
Tensor make_i64(std::string name, std::vector<uint64_t> shape, const int64_t* values);
Tensor make_i32(std::string name, std::vector<uint64_t> shape, const int32_t* values);
// Narrows float32 to IEEE half (round to nearest even; overflow to inf).
Tensor make_f16(std::string name, std::vector<uint64_t> shape, const float* values);

float half_to_float(uint16_t h);
uint16_t float_to_half(float f);

struct File {
    std::map<std::string, std::string> metadata;
    std::vector<Tensor> tensors;  // in data-offset order when parsed

    const Tensor* find(const std::string& name) const;
    // Like find but throws Error("... has no tensor 'name'") when absent.
    const Tensor& get(const std::string& name) const;
    void add(Tensor tensor);  // throws on a duplicate name
};

File parse(const uint8_t* bytes, std::size_t size);
inline File parse(const std::vector<uint8_t>& bytes) { return parse(bytes.data(), bytes.size()); }
// Tensors are written in the order given, contiguously; the header is space-padded to a multiple
// of 8 bytes as the reference writer does, so data starts aligned.
std::vector<uint8_t> serialize(const File& file);

File read_file(const std::string& path);
void write_file(const std::string& path, const File& file);

// Helpers for structured metadata values (metadata is a string -> string map): a JSON array of
// strings, e.g. a vocabulary.
std::string encode_string_list(const std::vector<std::string>& items);
std::vector<std::string> decode_string_list(const std::string& json);

}  // namespace topicwasm::safetensors
