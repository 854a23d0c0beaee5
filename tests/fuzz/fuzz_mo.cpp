// Fuzz target: the gettext .mo reader (app/i18n/mo_catalog.h). A damaged file must be refused
// with an error, never read out of bounds.
#include "app/i18n/mo_catalog.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string error;
    auto catalog =
        heard::i18n::MoCatalog::parse(std::string(reinterpret_cast<const char*>(data), size), error);
    if (catalog) {
        (void)catalog->find("Back");
        (void)catalog->find("");
        (void)catalog->headerField("Language");
        (void)catalog->headerField("Plural-Forms");
    }
    return 0;
}
