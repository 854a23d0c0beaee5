#include "platform/process_hardening.h"

#include <imgui.h>

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace heard::platform {

bool hardenProcess() {
    const rlimit none{0, 0};
    const bool noCore = setrlimit(RLIMIT_CORE, &none) == 0;
    const bool notDumpable = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return noCore && notDumpable;
}

void zeroingFree(void* block) noexcept {
    if (!block) return;
    // The whole block, not only the length in use: a string that shrank left its old tail.
    explicit_bzero(block, malloc_usable_size(block));
    std::free(block);
}

namespace {

void* imguiAlloc(size_t size, void*) {
    return std::malloc(size);
}

void imguiFree(void* block, void*) {
    zeroingFree(block);
}

} // namespace

void enableZeroOnFree() {
    // Blocks ImGui allocated before this with its default allocator are malloc blocks too.
    ImGui::SetAllocatorFunctions(imguiAlloc, imguiFree, nullptr);
}

__attribute__((noinline)) void scrubStack(std::size_t bytes) {
    // A buffer below the caller's frame, wiped with a call the compiler keeps.
    auto* area = static_cast<unsigned char*>(__builtin_alloca(bytes));
    explicit_bzero(area, bytes);
    asm volatile("" : : "r"(area) : "memory");
}

} // namespace heard::platform
