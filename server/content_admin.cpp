#include "server/content_admin.h"

#include "base/json_reader.h"
#include "sync/protocol_content.h"

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

namespace heard::server {
namespace {

std::optional<std::string> readWhole(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// Content is outside input: the bounded reader (a pull answer nests the files 3 deeper).
std::optional<nlohmann::json> readBoundedJson(const std::string& text) {
    return base::tryReadJson(text, {sync::kMaxRequestBytes, sync::kMaxJsonDepth - 4});
}

int usage(std::ostream& err, const char* text) {
    err << "usage: heard-server admin " << text << '\n';
    return 2;
}

} // namespace

int runSignContentCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() != 6)
        return usage(err, "sign-content <version> <files.json> <signer key> <signer cert> <out file>");
    long long version = 0;
    try {
        std::size_t used = 0;
        version = std::stoll(args[1], &used);
        if (used != args[1].size() || version < 1) throw std::invalid_argument("version");
    } catch (const std::exception&) {
        err << "the version must be a whole number, 1 or more\n";
        return 2;
    }
    const auto filesText = readWhole(args[2]);
    const auto keyPem = readWhole(args[3]);
    const auto certPem = readWhole(args[4]);
    for (const auto& [text, path] :
         {std::pair{&filesText, &args[2]}, {&keyPem, &args[3]}, {&certPem, &args[4]}})
        if (!*text) {
            err << "cannot read " << *path << '\n';
            return 1;
        }
    const auto files = readBoundedJson(*filesText);
    if (!files || !files->is_object()) {
        err << args[2] << ": must be one JSON object (file name -> content)\n";
        return 1;
    }
    try {
        const sync::ContentUpdate update =
            sync::signContentUpdate({version, *files, {}, {}}, *keyPem, *certPem);
        std::ofstream file(args[5], std::ios::binary | std::ios::trunc);
        file << sync::toJson(update).dump(1) << '\n';
        if (!file.flush()) {
            err << "cannot write " << args[5] << '\n';
            return 1;
        }
    } catch (const std::runtime_error& e) {
        err << e.what() << '\n';
        return 1;
    }
    out << "signed content version " << version << " (" << files->size() << " files) into " << args[5]
        << "\npublish it on the server: heard-server admin publish-content " << args[5] << '\n';
    return 0;
}

int runPublishContentCommand(const std::vector<std::string>& args, ServerStore& store, std::ostream& out,
                             std::ostream& err) {
    const char* text = "publish-content <signed update file> [--ca <ca.pem>]  (sign it first: sign-content)";
    if (args.size() != 2 && !(args.size() == 4 && args[2] == "--ca")) return usage(err, text);
    const auto updateText = readWhole(args[1]);
    if (!updateText) {
        err << "cannot read " << args[1] << '\n';
        return 1;
    }
    std::string caPem;
    if (args.size() == 4) {
        const auto ca = readWhole(args[3]);
        if (!ca) {
            err << "cannot read " << args[3] << '\n';
            return 1;
        }
        caPem = *ca;
    }
    sync::ContentUpdate update;
    try {
        const auto json = readBoundedJson(*updateText);
        if (!json) throw sync::ProtocolError("not JSON, or too large or deep");
        update = sync::contentUpdateFromJson(*json);
    } catch (const sync::ProtocolError& e) {
        err << args[1] << ": not a signed content update (" << e.what() << "); make one with sign-content\n";
        return 1;
    }
    // Tablets refuse what does not verify; refusing it here tells the administrator at once.
    if (const std::string problem = sync::contentSignatureProblem(update, caPem); !problem.empty()) {
        err << args[1] << ": refused: " << problem << "; nothing was published\n";
        return 1;
    }
    store.publishContent(update);
    out << "published content version " << update.version << " (" << update.files.size() << " files)\n";
    return 0;
}

} // namespace heard::server
