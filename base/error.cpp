#include "base/error.h"

#include <utility>

namespace heard::base {

Error::Error(std::string code, const std::string& message)
    : std::runtime_error(message), m_code(std::move(code)) {}

} // namespace heard::base
