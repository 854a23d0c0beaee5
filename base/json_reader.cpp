#include "base/json_reader.h"

#include <string>

namespace heard::base {

namespace {

// Thrown from inside the parser callback to stop at the first level too deep: the partial
// value built so far is at most maxDepth deep, so unwinding it is safe.
struct DepthExceeded {};

} // namespace

const char* toCode(JsonErrorKind kind) {
    switch (kind) {
    case JsonErrorKind::TooLarge:
        return "json_too_large";
    case JsonErrorKind::TooDeep:
        return "json_too_deep";
    case JsonErrorKind::Syntax:
        return "json_syntax";
    }
    return "json_syntax";
}

JsonError::JsonError(JsonErrorKind kind, const std::string& message, std::size_t byte)
    : Error(toCode(kind), message), m_kind(kind), m_byte(byte) {}

nlohmann::json readJson(std::string_view text, const JsonLimits& limits) {
    if (text.size() > limits.maxBytes)
        throw JsonError(JsonErrorKind::TooLarge, "JSON text is " + std::to_string(text.size()) +
                                                     " bytes; the limit is " +
                                                     std::to_string(limits.maxBytes));
    // The callback sees each object or array start with the number of containers already open
    // around it (0 for the outermost), so depth + 1 is the level being opened.
    const int maxDepth = limits.maxDepth;
    nlohmann::json::parser_callback_t guard = [maxDepth](int depth, nlohmann::json::parse_event_t event,
                                                         nlohmann::json&) {
        if ((event == nlohmann::json::parse_event_t::object_start ||
             event == nlohmann::json::parse_event_t::array_start) &&
            depth + 1 > maxDepth)
            throw DepthExceeded{};
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), guard);
    } catch (const DepthExceeded&) {
        throw JsonError(JsonErrorKind::TooDeep,
                        "JSON nested more than " + std::to_string(maxDepth) + " levels deep");
    } catch (const nlohmann::json::parse_error& e) {
        throw JsonError(JsonErrorKind::Syntax, "not valid JSON near byte " + std::to_string(e.byte), e.byte);
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for a double ("1e999") is out_of_range (406), not a parse_error
        // (found by fuzzing: tests/hardening/fuzz_regressions_test.cpp).
        throw JsonError(JsonErrorKind::Syntax, "not valid JSON: a number is out of range");
    } catch (const nlohmann::json::exception&) {
        throw JsonError(JsonErrorKind::Syntax, "not valid JSON");
    }
}

std::optional<nlohmann::json> tryReadJson(std::string_view text, const JsonLimits& limits,
                                          std::optional<JsonError>* error) {
    try {
        return readJson(text, limits);
    } catch (const JsonError& e) {
        if (error) *error = e;
        return std::nullopt;
    }
}

} // namespace heard::base
