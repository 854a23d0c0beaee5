#include "app/ui/practitioners.h"

#include "base/hex.h"
#include "base/json_reader.h"
#include "storage/store.h"
#include "sync/private_file.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>

namespace heard::ui {

namespace {

constexpr const char* kNamesFormat = "heard-practitioners-v1";
constexpr const char* kNamesFileName = "practitioners.json";
constexpr const char* kFolder = "practitioners";
constexpr std::size_t kMaxNamesBytes = 64 * 1024;
constexpr std::size_t kMaxNameBytes = 200; // a person's name; longer is a damaged file

// Folder names made by placeNew: 'p' and 16 hex digits. Anything else in the folder is not ours.
bool isProfileId(const std::string& id) {
    if (id.size() != 17 || id[0] != 'p') return false;
    return std::all_of(id.begin() + 1, id.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string folderOf(const std::string& rootDir, const std::string& id) {
    return id.empty() ? rootDir : rootDir + "/" + kFolder + "/" + id;
}

} // namespace

Practitioners::Practitioners(std::string rootDir) : m_rootDir(std::move(rootDir)) {
    refresh();
}

std::string Practitioners::namesFilePath(const std::string& rootDir) {
    return rootDir + "/" + kNamesFileName;
}

std::vector<Practitioners::Named> Practitioners::readNames() const {
    std::vector<Named> names;
    try {
        const auto text = sync::readSmallFile(namesFilePath(m_rootDir), kMaxNamesBytes);
        if (!text) return names;
        const auto json = base::tryReadJson(*text, {kMaxNamesBytes, 4});
        if (!json || !json->is_object() || json->value("format", "") != kNamesFormat) return names;
        const auto list = json->find("practitioners");
        if (list == json->end() || !list->is_array()) return names;
        for (const auto& entry : *list) {
            if (!entry.is_object()) continue;
            const auto id = entry.find("id"), name = entry.find("name");
            if (id == entry.end() || name == entry.end() || !id->is_string() || !name->is_string()) continue;
            Named named{id->get<std::string>(), name->get<std::string>()};
            if ((!named.id.empty() && !isProfileId(named.id)) || named.name.size() > kMaxNameBytes) continue;
            names.push_back(std::move(named));
        }
    } catch (const std::exception&) {
        // Unreadable: the stores are still listed, without names.
    }
    return names;
}

void Practitioners::writeNames(const std::vector<Named>& names) const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& named : names)
        list.push_back({{"id", named.id}, {"name", named.name}});
    const nlohmann::json json = {{"format", kNamesFormat}, {"practitioners", list}};
    sync::writePrivateFile(namesFilePath(m_rootDir), json.dump(2) + "\n");
}

void Practitioners::refresh() {
    const std::vector<Named> names = readNames();
    auto nameOf = [&names](const std::string& id) {
        for (const auto& named : names)
            if (named.id == id) return named.name;
        return std::string();
    };
    std::vector<PractitionerProfile> list;
    if (storage::Store::exists(m_rootDir)) list.push_back({"", nameOf(""), m_rootDir});
    // Folders holding a store, in the order the names file has them (the order they were added),
    // then any the file does not name.
    std::vector<std::string> ids;
    std::error_code ec;
    const std::string folder = m_rootDir + "/" + kFolder;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string id = it->path().filename().string();
        if (isProfileId(id) && storage::Store::exists(folderOf(m_rootDir, id))) ids.push_back(id);
    }
    auto rank = [&names](const std::string& id) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i].id == id) return i;
        return names.size();
    };
    std::sort(ids.begin(), ids.end(), [&rank](const std::string& a, const std::string& b) {
        return std::make_pair(rank(a), a) < std::make_pair(rank(b), b);
    });
    for (const auto& id : ids)
        list.push_back({id, nameOf(id), folderOf(m_rootDir, id)});
    m_list = std::move(list);
    if (m_chosen && !find(*m_chosen)) m_chosen.reset();
}

const PractitionerProfile* Practitioners::find(const std::string& id) const {
    for (const auto& profile : m_list)
        if (profile.id == id) return &profile;
    return nullptr;
}

const PractitionerProfile* Practitioners::findByDir(const std::string& dir) const {
    for (const auto& profile : m_list)
        if (profile.dir == dir) return &profile;
    return nullptr;
}

const PractitionerProfile* Practitioners::chosen() const {
    return m_chosen ? find(*m_chosen) : nullptr;
}

PractitionerProfile Practitioners::placeNew(const std::string& name) {
    // The data folder itself first: a new tablet (or one whose first store was wiped) keeps the
    // single-store layout, with no names file, until a second practitioner is added.
    if (!storage::Store::exists(m_rootDir)) {
        if (!m_list.empty()) rememberName("", name); // others are here: the lock screen lists it
        return {"", name, m_rootDir};
    }
    unsigned char random[8];
    randombytes_buf(random, sizeof random);
    const std::string id = "p" + base::toHex(random, sizeof random);
    std::vector<Named> names = readNames();
    // Every store already here keeps its place (and its name, if known) in the file.
    for (const auto& profile : m_list)
        if (std::none_of(names.begin(), names.end(), [&](const Named& n) { return n.id == profile.id; }))
            names.push_back({profile.id, profile.name});
    names.push_back({id, name});
    writeNames(names);
    return {id, name, folderOf(m_rootDir, id)};
}

void Practitioners::rememberName(const std::string& id, const std::string& name) {
    std::vector<Named> names = readNames();
    bool found = false;
    for (auto& named : names)
        if (named.id == id) {
            if (named.name == name) return;
            named.name = name;
            found = true;
        }
    if (!found) names.push_back({id, name});
    writeNames(names);
}

void Practitioners::forget(const std::string& id) {
    std::vector<Named> names = readNames();
    const auto before = names.size();
    names.erase(std::remove_if(names.begin(), names.end(), [&id](const Named& n) { return n.id == id; }),
                names.end());
    if (names.size() == before) return;
    try {
        writeNames(names);
    } catch (const std::exception&) {
        // Best effort: a name without a store is not listed.
    }
}

} // namespace heard::ui
