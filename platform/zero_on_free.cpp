// Zero-on-free for the app binary (issue 17.5): every block the app frees is wiped before it
// returns to malloc, so a note, a child's name or a passphrase in a freed std::string, JSON
// node or SQLite page does not outlive its owner in the heap.
//   - the global operator delete is replaced, and so is operator new, with malloc: what delete
//     hands to free() must have come from malloc in every build. The standard library's own new
//     is malloc too, but a sanitizer's is not (ASan reports alloc-dealloc-mismatch);
//   - SQLite's allocator (sqlite3_config(SQLITE_CONFIG_MALLOC), set before SQLite starts, by
//     a static initialiser) frees through the same function: its page cache holds decrypted
//     rows (SQLCipher 3.4 does not wipe it; `hardening.secrets_memory` found the child's name
//     and the note there after lock);
//   - ImGui's allocator is set by enableZeroOnFree().
// Built as the object library heard_zero_on_free and linked only where wanted (the app, the
// memory test): in a static library it would be pulled into every binary that links the
// platform. Blocks other C libraries free with free() (SDL, fontconfig) are not covered.
// Cost: heard-bench `app.zero_on_free_ratio`.
#include "platform/process_hardening.h"

#include <sqlite3.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>

namespace {

void* allocateOrThrow(std::size_t size) {
    if (size == 0) size = 1;
    for (;;) {
        if (void* block = std::malloc(size)) return block;
        const std::new_handler handler = std::get_new_handler();
        if (!handler) throw std::bad_alloc();
        handler();
    }
}

void* allocateOrNull(std::size_t size) noexcept {
    try {
        return allocateOrThrow(size);
    } catch (...) {
        return nullptr;
    }
}

} // namespace

void* operator new(std::size_t size) {
    return allocateOrThrow(size);
}
void* operator new[](std::size_t size) {
    return allocateOrThrow(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    return allocateOrNull(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    return allocateOrNull(size);
}

void operator delete(void* block) noexcept {
    heard::platform::zeroingFree(block);
}
void operator delete[](void* block) noexcept {
    heard::platform::zeroingFree(block);
}
void operator delete(void* block, std::size_t) noexcept {
    heard::platform::zeroingFree(block);
}
void operator delete[](void* block, std::size_t) noexcept {
    heard::platform::zeroingFree(block);
}
void operator delete(void* block, const std::nothrow_t&) noexcept {
    heard::platform::zeroingFree(block);
}
void operator delete[](void* block, const std::nothrow_t&) noexcept {
    heard::platform::zeroingFree(block);
}

namespace {

void* sqliteMalloc(int size) {
    return std::malloc(size_t(size));
}

void sqliteFree(void* block) {
    heard::platform::zeroingFree(block);
}

// Never realloc in place: a moved block would be freed without being wiped.
void* sqliteRealloc(void* block, int size) {
    if (!block) return sqliteMalloc(size);
    const size_t old = malloc_usable_size(block);
    if (size_t(size) <= old) return block; // shrinking keeps the block (and wipes it when freed)
    void* grown = std::malloc(size_t(size));
    if (!grown) return nullptr;
    std::memcpy(grown, block, old);
    heard::platform::zeroingFree(block);
    return grown;
}

int sqliteSize(void* block) {
    return block ? int(malloc_usable_size(block)) : 0;
}

int sqliteRoundup(int size) {
    return (size + 15) & ~15;
}

int sqliteInit(void*) {
    return SQLITE_OK;
}

void sqliteShutdown(void*) {}

// Runs before main, before anything opens a database (sqlite3_config refuses once SQLite
// has started).
struct SqliteZeroOnFree {
    SqliteZeroOnFree() {
        static const sqlite3_mem_methods methods{sqliteMalloc,  sqliteFree, sqliteRealloc,  sqliteSize,
                                                 sqliteRoundup, sqliteInit, sqliteShutdown, nullptr};
        sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
    }
} s_sqliteZeroOnFree;

} // namespace
