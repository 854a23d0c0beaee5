#include "base/data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef HEARD_BUILD_ASSETS_DIR
#define HEARD_BUILD_ASSETS_DIR ""
#endif
#ifndef HEARD_BUILD_LOCALE_DIR
#define HEARD_BUILD_LOCALE_DIR ""
#endif

namespace heard::base {

namespace {

namespace fs = std::filesystem;

// The installed data folder, or "" when running from the build tree.
std::string installedDataDir() {
    if (const char* env = std::getenv("HEARD_DATA_DIR"); env && *env) return env;
    const std::string exe = executableDir();
    if (exe.empty()) return "";
    std::error_code ec;
    const fs::path share = fs::path(exe).parent_path() / "share" / "heard";
    if (fs::is_directory(share / "tools", ec)) return share.lexically_normal().string();
    return "";
}

} // namespace

std::string executableDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty()) return "";
    return exe.parent_path().string();
}

std::string assetsDir() {
    const std::string installed = installedDataDir();
    return installed.empty() ? HEARD_BUILD_ASSETS_DIR : installed;
}

std::string localeDir() {
    const std::string installed = installedDataDir();
    return installed.empty() ? HEARD_BUILD_LOCALE_DIR : installed + "/locale";
}

} // namespace heard::base
