// Fuzz target: the key file reader (storage/keys.h, KeyFile::load). A damaged or foreign file
// must be refused with a StoreError (NotAStore, TooNew), never crash or be half-read.
#include "storage/keys.h"
#include "storage/store_error.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // KeyFile::load reads a path: one scratch file per process, rewritten for each input.
    static const std::string path =
        (std::filesystem::temp_directory_path() / ("heard-fuzz-keyfile-" + std::to_string(::getpid())))
            .string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        auto file = heard::storage::KeyFile::load(path);
        (void)file.salt.size();
    } catch (const heard::storage::StoreError&) {
    }
    std::filesystem::remove(path);
    return 0;
}
