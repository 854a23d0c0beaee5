#include "server/server_conf.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace heard::server {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

} // namespace

std::vector<std::string> configFileFlags(const std::string& path) {
    static const std::vector<std::string> kNames = {"db", "listen", "cert", "key", "record-key", "threads"};
    std::ifstream in(path);
    if (!in) throw ConfigFileError(path + ": cannot read the configuration file");
    std::vector<std::string> flags;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string where = path + ":" + std::to_string(number) + ": ";
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        line = trim(line);
        if (line.empty()) continue;
        const auto equals = line.find('=');
        if (equals == std::string::npos) throw ConfigFileError(where + "expected 'name = value'");
        const std::string name = trim(line.substr(0, equals));
        const std::string value = trim(line.substr(equals + 1));
        if (std::find(kNames.begin(), kNames.end(), name) == kNames.end())
            throw ConfigFileError(where + "unknown setting '" + name +
                                  "' (known: db, listen, cert, key, record-key, threads)");
        if (value.empty()) throw ConfigFileError(where + "'" + name + "' has no value");
        flags.push_back("--" + name);
        flags.push_back(value);
    }
    return flags;
}

std::vector<std::string> withConfigFile(const std::vector<std::string>& args) {
    std::string path;
    bool explicitPath = false, none = false;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "admin") { // everything after belongs to the admin command
            rest.insert(rest.end(), args.begin() + static_cast<long>(i), args.end());
            break;
        }
        if (args[i] == "--config" && i + 1 < args.size()) {
            path = args[++i];
            explicitPath = true;
        } else if (args[i] == "--no-config") {
            none = true;
        } else {
            rest.push_back(args[i]);
        }
    }
    if (none) return rest;
    if (!explicitPath) {
        std::error_code ec;
        if (!std::filesystem::exists(kDefaultConfigPath, ec)) return rest;
        path = kDefaultConfigPath;
    }
    std::vector<std::string> out = configFileFlags(path);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

} // namespace heard::server
