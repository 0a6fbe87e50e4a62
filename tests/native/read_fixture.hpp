// A fixture file's bytes (tests/fixtures/, TOPICWASM_FIXTURES), failing the test when it is missing.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

inline std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(TOPICWASM_FIXTURES) + "/" + name, std::ios::binary);
    EXPECT_TRUE(in.good()) << name;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
