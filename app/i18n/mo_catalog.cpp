#include "app/i18n/mo_catalog.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

namespace heard::i18n {

namespace {

constexpr uint32_t kMagic = 0x950412de;
constexpr uint32_t kMagicSwapped = 0xde120495;
constexpr size_t kHeaderBytes = 28;
// A real catalogue for this app holds a few thousand strings; anything far beyond that is a
// damaged or hostile file, refused before we allocate for it.
constexpr uint32_t kMaxStrings = 1u << 20;

uint32_t swap32(uint32_t v) {
    return ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
}

class Reader {
public:
    Reader(const std::string& bytes, bool swapped) : m_bytes(bytes), m_swapped(swapped) {}
    bool u32(size_t at, uint32_t& out) const {
        if (at > m_bytes.size() || m_bytes.size() - at < 4) return false;
        std::memcpy(&out, m_bytes.data() + at, 4);
        if (m_swapped) out = swap32(out);
        return true;
    }

private:
    const std::string& m_bytes;
    bool m_swapped;
};

} // namespace

std::unique_ptr<MoCatalog> MoCatalog::parse(std::string bytes, std::string& error) {
    if (bytes.size() < kHeaderBytes) {
        error = "too short to be a .mo catalogue (" + std::to_string(bytes.size()) + " bytes)";
        return nullptr;
    }
    uint32_t magic = 0;
    std::memcpy(&magic, bytes.data(), 4);
    if (magic != kMagic && magic != kMagicSwapped) {
        error = "not a .mo catalogue (bad magic number)";
        return nullptr;
    }
    Reader in(bytes, magic == kMagicSwapped);
    uint32_t revision = 0, count = 0, originalsAt = 0, translationsAt = 0;
    in.u32(4, revision);
    in.u32(8, count);
    in.u32(12, originalsAt);
    in.u32(16, translationsAt);
    if ((revision >> 16) > 1) {
        error = "unsupported .mo revision " + std::to_string(revision >> 16);
        return nullptr;
    }
    if (count > kMaxStrings) {
        error = "implausible string count " + std::to_string(count);
        return nullptr;
    }

    auto catalog = std::unique_ptr<MoCatalog>(new MoCatalog());
    catalog->m_bytes = std::move(bytes);
    const std::string& data = catalog->m_bytes;
    Reader reader(data, magic == kMagicSwapped);
    catalog->m_translations.reserve(count);

    // Each table entry is (length, offset); the string must lie inside the file and be followed
    // by its NUL, so every pointer we hand out is a valid C string.
    auto stringAt = [&](uint32_t table, uint32_t index, const char* what, std::string_view& out) {
        uint64_t entry = uint64_t(table) + uint64_t(index) * 8;
        uint32_t length = 0, offset = 0;
        if (entry > data.size() || !reader.u32(size_t(entry), length) ||
            !reader.u32(size_t(entry) + 4, offset)) {
            error = std::string(what) + " table entry " + std::to_string(index) + " lies outside the file";
            return false;
        }
        if (uint64_t(offset) + length + 1 > data.size() || data[size_t(offset) + length] != '\0') {
            error = std::string(what) + " string " + std::to_string(index) +
                    " lies outside the file or is not terminated";
            return false;
        }
        out = std::string_view(data.data() + offset, length);
        return true;
    };

    for (uint32_t i = 0; i < count; ++i) {
        std::string_view original, translation;
        if (!stringAt(originalsAt, i, "original", original)) return nullptr;
        if (!stringAt(translationsAt, i, "translation", translation)) return nullptr;
        // Plural entries hold "singular\0plural": the key is the singular.
        original = original.substr(0, original.find('\0'));
        if (original.empty()) {
            catalog->m_header = std::string(translation);
            continue;
        }
        if (translation.empty() || translation.front() == '\0') continue; // untranslated
        catalog->m_translations.emplace(original, translation.data());
    }
    return catalog;
}

std::unique_ptr<MoCatalog> MoCatalog::load(const std::string& path, std::string& error) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        error = path + ": cannot open";
        return nullptr;
    }
    std::ostringstream buffer;
    buffer << file.rdbuf();
    std::string parseError;
    auto catalog = parse(buffer.str(), parseError);
    if (!catalog) error = path + ": " + parseError;
    return catalog;
}

const char* MoCatalog::find(std::string_view msgid) const {
    auto it = m_translations.find(msgid);
    return it == m_translations.end() ? nullptr : it->second;
}

std::string MoCatalog::headerField(const std::string& name) const {
    std::istringstream lines(m_header);
    std::string line;
    const std::string prefix = name + ":";
    while (std::getline(lines, line)) {
        if (line.compare(0, prefix.size(), prefix) == 0) {
            size_t start = line.find_first_not_of(' ', prefix.size());
            return start == std::string::npos ? std::string() : line.substr(start);
        }
    }
    return {};
}

} // namespace heard::i18n
