// Where Heard keeps its files.
#pragma once

#include <string>

namespace heard::platform {

// The per-user data folder ($XDG_DATA_HOME/heard or ~/.local/share/heard), created with
// owner-only permissions when missing. Returns an empty string when it cannot be made.
std::string defaultDataDir();

// Creates dir (and parents) with mode 0700. Returns false on failure.
bool makeDirs(const std::string& dir);

} // namespace heard::platform
