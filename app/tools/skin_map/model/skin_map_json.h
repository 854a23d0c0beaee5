// The skin map as JSON: the payload of a store Record of kind "skin_map".
//
// toJson/skinMapFromJson round-trip exactly (doubles are written with enough digits to read
// back bit-identical). Reading is strict: a missing or mistyped field, an unknown enum word
// or a newer schema is a SkinMapFormatError naming the field, never a silently empty map.
#pragma once

#include "app/tools/skin_map/model/skin_map.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace heard::skinmap {

class SkinMapFormatError : public std::runtime_error {
public:
    SkinMapFormatError(std::string field, const std::string& message)
        : std::runtime_error(field + ": " + message), m_field(std::move(field)) {}
    const std::string& field() const { return m_field; }

private:
    std::string m_field;
};

nlohmann::json toJson(const SkinMap& map);
SkinMap skinMapFromJson(const nlohmann::json& json); // throws SkinMapFormatError

} // namespace heard::skinmap
