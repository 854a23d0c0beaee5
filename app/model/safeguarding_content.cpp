#include "app/model/safeguarding_content.h"

#include "base/data_dir.h"
#include "app/i18n/i18n.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace heard::model {

const std::string& LocalText::shown() const {
    return i18n::language() == "cy" && !cy.empty() ? cy : en;
}

const ReferralRoute* SafeguardingContent::route(const std::string& id) const {
    for (const auto& r : referralRoutes)
        if (r.id == id) return &r;
    return nullptr;
}

const SharingBasis* SafeguardingContent::basis(const std::string& id) const {
    for (const auto& b : sharingBases)
        if (b.id == id) return &b;
    return nullptr;
}

const ContentItem* SafeguardingContent::riskFactor(const std::string& id) const {
    for (const auto& f : riskFactors)
        if (f.id == id) return &f;
    return nullptr;
}

namespace {

bool readText(const nlohmann::json& entry, const std::string& where, std::string& id, LocalText& text,
              std::vector<std::string>& errors) {
    if (!entry.is_object()) {
        errors.push_back(where + ": must be an object");
        return false;
    }
    const auto field = [&](const char* name, std::string& out) {
        const auto it = entry.find(name);
        if (it == entry.end() || !it->is_string() || it->get<std::string>().empty()) {
            errors.push_back(where + "/" + name + ": must be non-empty text");
            return false;
        }
        out = it->get<std::string>();
        return true;
    };
    return field("id", id) && field("en", text.en) && field("cy", text.cy);
}

const nlohmann::json& list(const nlohmann::json& root, const char* name, std::vector<std::string>& errors) {
    static const nlohmann::json s_empty = nlohmann::json::array();
    const auto it = root.find(name);
    if (it == root.end() || !it->is_array() || it->empty()) {
        errors.push_back(std::string("/") + name + ": must be a non-empty list");
        return s_empty;
    }
    return *it;
}

} // namespace

SafeguardingContent parseSafeguardingContent(const std::string& text) {
    SafeguardingContent content;
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        content.errors.push_back(std::string("not JSON: ") + e.what());
        return content;
    }
    if (!root.is_object() || root.value("format", 0) != 1) {
        content.errors.push_back("/format: must be 1");
        return content;
    }
    if (root.contains("version") && root["version"].is_number_integer()) content.version = root["version"];

    std::set<std::string> ids;
    const auto unique = [&](const std::string& where, const std::string& id) {
        if (ids.insert(id).second) return true;
        content.errors.push_back(where + "/id: '" + id + "' is used twice");
        return false;
    };
    size_t i = 0;
    for (const auto& entry : list(root, "riskFactors", content.errors)) {
        const std::string where = "/riskFactors/" + std::to_string(i++);
        ContentItem item;
        if (readText(entry, where, item.id, item.text, content.errors) && unique(where, item.id))
            content.riskFactors.push_back(std::move(item));
    }
    ids.clear();
    i = 0;
    for (const auto& entry : list(root, "referralRoutes", content.errors)) {
        const std::string where = "/referralRoutes/" + std::to_string(i++);
        ReferralRoute route;
        if (!readText(entry, where, route.id, route.text, content.errors) || !unique(where, route.id))
            continue;
        bool good = true;
        size_t j = 0;
        for (const auto& d : entry.value("deadlines", nlohmann::json::array())) {
            const std::string at = where + "/deadlines/" + std::to_string(j++);
            RouteDeadline deadline;
            if (!readText(d, at, deadline.id, deadline.text, content.errors)) {
                good = false;
                continue;
            }
            const auto days = d.find("workingDays");
            if (days == d.end() || !days->is_number_integer() || days->get<int64_t>() < 0 ||
                days->get<int64_t>() > 20) {
                content.errors.push_back(at + "/workingDays: must be a whole number from 0 to 20");
                good = false;
                continue;
            }
            deadline.workingDays = int(days->get<int64_t>());
            deadline.sf = d.value("sf", "");
            route.deadlines.push_back(std::move(deadline));
        }
        if (good) content.referralRoutes.push_back(std::move(route));
    }
    ids.clear();
    i = 0;
    for (const auto& entry : list(root, "sharingBases", content.errors)) {
        const std::string where = "/sharingBases/" + std::to_string(i++);
        SharingBasis basis;
        if (!readText(entry, where, basis.id, basis.text, content.errors) || !unique(where, basis.id))
            continue;
        const auto reason = entry.find("needsReason");
        basis.needsReason = reason != entry.end() && reason->is_boolean() && reason->get<bool>();
        content.sharingBases.push_back(std::move(basis));
    }
    return content;
}

const SafeguardingContent& safeguardingContent() {
    static const SafeguardingContent s_content = [] {
        const char* override = std::getenv("HEARD_SAFEGUARDING_CONTENT");
        const std::string path =
            override && *override ? override : base::assetsDir() + "/safeguarding/safeguarding.json";
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            SafeguardingContent missing;
            missing.errors.push_back(path + ": cannot open");
            return missing;
        }
        std::ostringstream text;
        text << in.rdbuf();
        SafeguardingContent content = parseSafeguardingContent(text.str());
        for (auto& error : content.errors)
            error = path + ": " + error;
        return content;
    }();
    return s_content;
}

} // namespace heard::model
