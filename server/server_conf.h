// heard-server's configuration file (/etc/heard/server.conf by default): the long flags without
// their dashes, one "name = value" a line, '#' starts a comment. Flags on the command line win.
//
//   db = sqlite:/var/lib/heard-server/heard.db
//   listen = 0.0.0.0:8443
//   cert = /etc/heard/tls/server.pem
//   key = /etc/heard/tls/server.key
//   record-key = /etc/heard/record.key
//   threads = 8
//
// --dev-plain-http is never read from a file: plain HTTP stays a deliberate command-line choice.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace heard::server {

inline constexpr const char* kDefaultConfigPath = "/etc/heard/server.conf";

class ConfigFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The file's settings as command-line flags ("--db", "sqlite:..."). Throws ConfigFileError
// naming the file and line for an unknown name, a line without '=' or an empty value.
std::vector<std::string> configFileFlags(const std::string& path);

// The command line with the configuration file's flags put in front of it, so a flag given on
// the command line (read later) wins. "--config FILE" (before "admin") picks the file, which
// must exist; "--no-config" reads none; otherwise kDefaultConfigPath is read when it exists.
std::vector<std::string> withConfigFile(const std::vector<std::string>& args);

} // namespace heard::server
