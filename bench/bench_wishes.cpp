// Wishes and feelings (issue 6): the cost of tr() per call, and of validating tool content.
//
//   wishes.tr_welsh_ns              ns per tr() call in Welsh (every content string in turn)
//   wishes.tr_vs_string_map_ratio   tr() time / a hash map lookup at its best (the baseline):
//                                   std::unordered_map<std::string_view, const char*> over the
//                                   same msgids, no key built per call (issue 19)
//   wishes.content_load_vs_parse_ratio  loadContentLibrary() time / reading and json::parse of
//                                   the same files without validation (the baseline)
#include "bench/bench.h"

#include "app/i18n/i18n.h"
#include "app/tools/framework/model/activity_content.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace {

using heard::bench::report;
using heard::bench::secondsSince;

void benchWishes(const heard::bench::Options& options) {
    const std::string toolsDir = std::string(HEARD_SOURCE_DIR) + "/assets/tools";
    heard::tools::ContentLibrary library = heard::tools::loadContentLibrary(toolsDir);
    std::vector<std::string> ids;
    for (const auto& content : library.activities) {
        for (const std::string& s : heard::tools::translatableStrings(content))
            ids.push_back(s);
    }
    if (ids.empty()) {
        report("wishes.error_no_content", 1, "flag");
        return;
    }
    heard::i18n::setLanguage("cy");
    // Keys are views of `ids` (which outlive the map); values are tr()'s own answers.
    std::unordered_map<std::string_view, const char*> best;
    for (const std::string& id : ids)
        best.emplace(std::string_view(id), heard::i18n::tr(id.c_str()));

    const int rounds = options.quick ? 200 : 20000;
    size_t sink = 0;
    auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (const std::string& id : ids)
            sink += size_t(heard::i18n::tr(id.c_str())[0]);
    }
    const double ours = secondsSince(start);
    start = std::chrono::steady_clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (const std::string& id : ids) {
            const char* msgid = id.c_str();
            auto it = best.find(std::string_view(msgid)); // tr() gets a C string too: same strlen
            sink += size_t((it == best.end() ? msgid : it->second)[0]);
        }
    }
    const double baseline = secondsSince(start);
    heard::i18n::setLanguage("en");
    const double calls = double(rounds) * double(ids.size());
    report("wishes.tr_welsh_ns", ours / calls * 1e9, "ns");
    report("wishes.tr_vs_string_map_ratio", ours / baseline, "x");

    const int loads = options.quick ? 3 : 200;
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < loads; ++i)
        sink += heard::tools::loadContentLibrary(toolsDir).activities.size();
    const double load = secondsSince(start);
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < loads; ++i) {
        for (const auto& entry : std::filesystem::directory_iterator(toolsDir)) {
            if (entry.path().extension() != ".json") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            sink += nlohmann::json::parse(text.str()).size();
        }
    }
    const double parse = secondsSince(start);
    report("wishes.content_load_vs_parse_ratio", load / parse, "x");
    if (sink == 0) report("wishes.sink", double(sink), "");
}

} // namespace

HEARD_BENCH_GROUP("wishes", benchWishes);
