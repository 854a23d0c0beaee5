// The one JSON reader for outside input: request and response bodies, pushed records, content
// files, key files, settings read back from disk.
//
// nlohmann::json parses iteratively, but copying, comparing and dumping a value recurse, so a
// value nested 100,000 levels deep (about 200 KB of '[') crashes whoever touches it later. This
// reader refuses such text while parsing, before any deep value exists: a size limit first, then
// a nesting limit enforced from the parser callback. Everything it returns is safe to copy and
// dump. Call sites choose the limits; the defaults suit the sync protocol.
#pragma once

#include "base/error.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

namespace heard::base {

struct JsonLimits {
    std::size_t maxBytes = 8 * 1024 * 1024; // the text itself
    int maxDepth = 64;                      // arrays and objects inside each other; a scalar is 0
};

enum class JsonErrorKind {
    TooLarge, // the text is longer than maxBytes; nothing was parsed
    TooDeep,  // arrays or objects nested deeper than maxDepth; parsing stopped there
    Syntax,   // not JSON, or a number out of range (byte() says where the parser stopped, 0 if unknown)
};

class JsonError : public Error {
public:
    JsonError(JsonErrorKind kind, const std::string& message, std::size_t byte = 0);
    JsonErrorKind kind() const { return m_kind; }
    // For Syntax: the byte offset where the parser stopped (1-based, as nlohmann reports it).
    std::size_t byte() const { return m_byte; }

private:
    JsonErrorKind m_kind;
    std::size_t m_byte;
};

// Codes of JsonError::code(): "json_too_large", "json_too_deep", "json_syntax".
const char* toCode(JsonErrorKind kind);

// Parses text within limits; throws JsonError otherwise. Never returns a discarded value.
nlohmann::json readJson(std::string_view text, const JsonLimits& limits = {});

// As readJson, but nullopt instead of an exception (error, if given, receives it).
std::optional<nlohmann::json> tryReadJson(std::string_view text, const JsonLimits& limits = {},
                                          std::optional<JsonError>* error = nullptr);

} // namespace heard::base
