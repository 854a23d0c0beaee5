#include "app/ui/content_updates.h"

#include "app/i18n/i18n.h"
#include "base/json_reader.h"
#include "storage/store.h"
#include "sync/protocol_content.h"
#include "sync/sync_client.h"

#include <map>
#include <string>
#include <vector>

namespace heard::ui {
namespace {

bool hasAffixes(const std::string& name, const std::string& prefix, const std::string& suffix) {
    return name.size() > prefix.size() + suffix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

tools::ContentLibrary loadActivityLibrary(storage::Store* store) {
    tools::ContentLibrary library = tools::loadContentFolders(tools::contentFolders());
    if (!store) return library;
    const std::string caPem = store->setting(sync::setting::kPinnedCaPem).value_or("");
    std::map<std::string, std::map<std::string, std::string>> translations; // language -> msgid -> text
    for (const auto& [version, body] : store->contentUpdates()) {
        const std::string where = "content update " + std::to_string(version);
        sync::ContentUpdate update;
        try {
            const auto json = base::tryReadJson(body, {sync::kMaxResponseBytes, sync::kMaxJsonDepth});
            if (!json) throw sync::ProtocolError("not JSON");
            update = sync::contentUpdateFromJson(*json);
        } catch (const sync::ProtocolError& e) {
            library.errors.push_back({where, "", std::string("unreadable: ") + e.what()});
            continue;
        }
        const std::string problem = caPem.empty() ? "no organisation CA is pinned to check it against"
                                                  : sync::contentSignatureProblem(update, caPem);
        if (!problem.empty()) {
            library.errors.push_back({where, "", "not used: " + problem});
            continue;
        }
        for (const auto& [name, value] : update.files.items()) {
            if (hasAffixes(name, "tools/", ".json")) {
                tools::ActivityContent content;
                if (tools::parseContent(where + ": " + name, value.dump(), content, library.errors))
                    library.addVersion(std::move(content));
            } else if (hasAffixes(name, "i18n/", ".json") && value.is_object()) {
                auto& table = translations[name.substr(5, name.size() - 10)];
                for (const auto& [msgid, text] : value.items())
                    if (text.is_string()) table[msgid] = text.get<std::string>();
            }
        }
    }
    for (const i18n::LanguageInfo& language : i18n::supportedLanguages()) {
        const auto& table = translations[language.code];
        i18n::setContentTranslations(language.code, {table.begin(), table.end()});
    }
    return library;
}

} // namespace heard::ui
