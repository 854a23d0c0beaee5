// Small files the tablet keeps outside its encrypted store (the organisation configuration, the
// device-command credential): written whole or not at all, readable only by the app's user.
#pragma once

#include <optional>
#include <string>

namespace heard::sync {

// Writes text to path.tmp (mode 0600), fsyncs it, renames it over path and fsyncs the folder,
// creating the folder (0700) if needed. Throws base::Error("file_write", ...) on failure.
void writePrivateFile(const std::string& path, const std::string& text);

// The whole file, or nullopt when it does not exist; files over maxBytes are refused
// (base::Error("file_read", ...)), as are unreadable ones.
std::optional<std::string> readSmallFile(const std::string& path, std::size_t maxBytes);

} // namespace heard::sync
