// Keeping the tablet's secrets out of places the OS would write them or another process
// could read them (issue 17.5). main.cpp calls hardenProcess() and enableZeroOnFree() first.
#pragma once

#include <cstddef>

namespace heard::platform {

// Core dumps off (RLIMIT_CORE 0) and the process not dumpable (PR_SET_DUMPABLE 0: no core
// file even if the limit is raised again, and no ptrace or /proc/<pid>/mem by other processes
// of the same user). Returns false when either call failed; the app still runs.
bool hardenProcess();

// Zero-on-free: ImGui's allocator frees through zeroingFree. The global operator delete and
// SQLite's allocator are replaced by the object library heard_zero_on_free (zero_on_free.cpp),
// linked into the app and the memory test only, so every freed std::string, vector, JSON node
// and SQLite page is wiped too.
void enableZeroOnFree();
// Zeroes the whole usable block (malloc_usable_size), then frees it.
void zeroingFree(void* block) noexcept;

// Overwrites `bytes` of the calling thread's stack below the caller, where locals of earlier
// frames (a name copied into a label, a passphrase being compared) still lie.
void scrubStack(std::size_t bytes = 256 * 1024);

} // namespace heard::platform
