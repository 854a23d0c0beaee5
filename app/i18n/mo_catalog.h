// A reader for GNU gettext .mo files (the compiled form of a .po catalogue).
//
// We read .mo files ourselves instead of calling gettext(3) so that the language can change per
// call (a child may want Welsh while the practitioner works in English) without touching the
// process locale, and so that a damaged file is a clear error rather than undefined behaviour.
//
// Format (GNU gettext manual, "The Format of GNU MO Files"): a 28-byte header (magic 0x950412de
// in the file's byte order, revision, string count N, offset of the original-strings table,
// offset of the translations table, hash table size and offset), then two tables of N
// (length, offset) pairs pointing at NUL-terminated strings. Plural forms are stored as
// NUL-separated variants; we use the first (singular) one. Context entries ("ctx\x04msgid") are
// kept under their full key.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace heard::i18n {

class MoCatalog {
public:
    // Parses the bytes of a .mo file. Returns nullptr and sets error (naming the problem) when
    // the bytes are not a well-formed catalogue: bad magic, truncated, offsets out of range,
    // strings without their terminating NUL.
    static std::unique_ptr<MoCatalog> parse(std::string bytes, std::string& error);
    // Reads and parses a file; the error names the path.
    static std::unique_ptr<MoCatalog> load(const std::string& path, std::string& error);

    // The translation of msgid, or nullptr when the catalogue has none (or it is empty).
    // One hash lookup, no allocation. The pointer lives as long as the catalogue.
    const char* find(std::string_view msgid) const;

    size_t size() const { return m_translations.size(); }
    // The value of a header field such as "Language" (empty when absent).
    std::string headerField(const std::string& name) const;

private:
    MoCatalog() = default;
    std::string m_bytes; // owns every string the map points into
    std::unordered_map<std::string_view, const char*> m_translations;
    std::string m_header;
};

} // namespace heard::i18n
