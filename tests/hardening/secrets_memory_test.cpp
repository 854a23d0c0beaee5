// Issue 17.5: after lock, nothing of the passphrase, a typed note or a child's name is left
// anywhere in the process's memory. The real App runs headless on a fresh store whose
// passphrase, child and note are made up at run time; the test unlocks through the unlock
// screen, opens the child, types the note into a visit, locks, and then reads every readable
// mapping of its own memory (/proc/self/maps, /proc/self/mem) looking for each, as UTF-8 and
// as ImGui's UTF-16. The needles are kept masked (XOR) so the search itself never puts them
// in memory; the plain text exists only while it is typed, in buffers this test wipes.
// Linked with heard_zero_on_free, as the app is.
#include "app/ui/app.h"
#include "platform/process_hardening.h"
#include "platform/test_driver.h"
#include "platform/ui_tags.h"
#include "tests/support/headless_window.h"
#include "tests/support/temp_dir.h"

#include <doctest/doctest.h>

#include <SDL.h>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace heard;

namespace {

constexpr unsigned char kMask = 0xA5;

// A needle as masked bytes: UTF-8 and UTF-16LE (ImGui's ImWchar) forms.
struct Needle {
    const char* label;
    std::vector<unsigned char> utf8, utf16;
};

// Builds a needle from pieces, masking as it goes; the pieces are not the needle.
Needle masked(const char* label, std::initializer_list<const char*> pieces) {
    Needle n{label, {}, {}};
    for (const char* piece : pieces)
        for (const char* c = piece; *c; ++c) {
            n.utf8.push_back(static_cast<unsigned char>(*c) ^ kMask);
            n.utf16.push_back(static_cast<unsigned char>(*c) ^ kMask);
            n.utf16.push_back(0 ^ kMask);
        }
    return n;
}

// Hands the plain text to `use` in a buffer that is wiped afterwards.
template <typename F> void withPlain(const Needle& n, F use) {
    std::string plain(n.utf8.size(), '\0');
    for (size_t i = 0; i < n.utf8.size(); ++i)
        plain[i] = static_cast<char>(n.utf8[i] ^ kMask);
    use(plain);
    sodium_memzero(plain.data(), plain.capacity());
}

// Types like a keyboard: one SDL_TEXTINPUT event per character, each wiped after it is pushed.
void typeMasked(platform::TestDriver& driver, platform::Window& window, const Needle& n) {
    for (unsigned char m : n.utf8) {
        SDL_Event event{};
        event.type = SDL_TEXTINPUT;
        event.text.windowID = SDL_GetWindowID(window.sdlWindow());
        event.text.text[0] = static_cast<char>(m ^ kMask);
        SDL_PushEvent(&event);
        sodium_memzero(&event, sizeof(event));
        driver.frames(1);
    }
    driver.frames(1);
}

// Types like an on-screen keyboard committing a whole word: one SDL_TEXTINPUT event.
void typeMaskedAtOnce(platform::TestDriver& driver, platform::Window& window, const Needle& n) {
    SDL_Event event{};
    REQUIRE(n.utf8.size() < sizeof(event.text.text));
    event.type = SDL_TEXTINPUT;
    event.text.windowID = SDL_GetWindowID(window.sdlWindow());
    for (size_t i = 0; i < n.utf8.size(); ++i)
        event.text.text[i] = static_cast<char>(n.utf8[i] ^ kMask);
    SDL_PushEvent(&event);
    sodium_memzero(&event, sizeof(event));
    driver.frames(2);
}

size_t countIn(const unsigned char* data, size_t size, const std::vector<unsigned char>& needle) {
    size_t count = 0;
    if (needle.empty() || size < needle.size()) return 0;
    const unsigned char first = needle[0] ^ kMask;
    for (size_t i = 0; i + needle.size() <= size; ++i) {
        if (data[i] != first) continue;
        size_t j = 1;
        while (j < needle.size() && (data[i + j] ^ kMask) == needle[j])
            ++j;
        if (j == needle.size()) ++count;
    }
    return count;
}

struct Counts {
    size_t utf8 = 0, utf16 = 0;
    std::vector<std::string> where;
};

// Every readable mapping of this process, read through /proc/self/mem in chunks that overlap
// by the longest needle.
std::vector<Counts> scanOwnMemory(const std::vector<Needle>& needles) {
    std::vector<Counts> counts(needles.size());
    std::ifstream maps("/proc/self/maps");
    std::vector<std::string> lines;
    for (std::string line; std::getline(maps, line);)
        lines.push_back(line);
    const int mem = open("/proc/self/mem", O_RDONLY);
    REQUIRE(mem >= 0);
    size_t longest = 0;
    for (const auto& n : needles)
        longest = std::max(longest, n.utf16.size());
    constexpr size_t kChunk = 1 << 20;
    std::vector<unsigned char> buffer(kChunk + longest);
    size_t regions = 0;
    for (const auto& line : lines) {
        unsigned long start = 0, end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, perms) != 3 || perms[0] != 'r') continue;
        if (line.find("[vvar]") != std::string::npos || line.find("[vsyscall]") != std::string::npos)
            continue;
        ++regions;
        for (unsigned long at = start; at < end; at += kChunk) {
            const size_t want = std::min<unsigned long>(kChunk + longest, end - at);
            const ssize_t got = pread(mem, buffer.data(), want, static_cast<off_t>(at));
            if (got <= 0) break;
            // A match starting in the overlap is counted by the next chunk.
            const size_t own = std::min<size_t>(size_t(got), kChunk);
            for (size_t k = 0; k < needles.size(); ++k) {
                for (const auto* form : {&needles[k].utf8, &needles[k].utf16}) {
                    const size_t limit = std::min<size_t>(size_t(got), own + form->size() - 1);
                    const size_t found = countIn(buffer.data(), limit, *form);
                    if (!found) continue;
                    (form == &needles[k].utf8 ? counts[k].utf8 : counts[k].utf16) += found;
                    counts[k].where.push_back(line);
                    if (std::getenv("HEARD_SECRETS_DEBUG")) {
                        const unsigned char first = (*form)[0] ^ kMask;
                        for (size_t i = 0; i + form->size() <= limit; ++i) {
                            if (buffer[i] != first) continue;
                            size_t j = 1;
                            while (j < form->size() && (buffer[i + j] ^ kMask) == (*form)[j])
                                ++j;
                            if (j != form->size()) continue;
                            std::fprintf(stderr, "at %lx:", at + i);
                            for (size_t c = (i >= 96 ? i - 96 : 0); c < std::min(limit, i + 140); ++c)
                                std::fputc(buffer[c] >= 32 && buffer[c] < 127 ? buffer[c] : '.', stderr);
                            std::fputc('\n', stderr);
                        }
                    }
                }
            }
        }
    }
    close(mem);
    sodium_memzero(buffer.data(), buffer.size());
    CHECK(regions > 5);
    return counts;
}

} // namespace

TEST_CASE("after lock, no passphrase, typed note or child's name is left in memory") {
    REQUIRE(sodium_init() >= 0);
    platform::enableZeroOnFree();
    const Needle passphrase = masked("passphrase", {"Lantern ", "ferry ", "quince ", "4817"});
    const Needle note = masked("note", {"Marmalade-kite ", "harbour ", "lullaby ", "zeppelin ", "note"});
    const Needle childName = masked("child's name", {"Wrenna ", "Quillfeather-", "Oakhurst"});
    const std::vector<Needle> needles{passphrase, note, childName};

    {
        // The scan itself must be able to see them: before the app exists, put each in a live
        // buffer and expect exactly one UTF-8 copy.
        std::vector<std::string> live;
        for (const auto& n : needles)
            withPlain(n, [&](const std::string& plain) { live.push_back(plain); });
        const auto seen = scanOwnMemory(needles);
        for (size_t k = 0; k < needles.size(); ++k)
            CHECK_MESSAGE(seen[k].utf8 >= 1, std::string(needles[k].label)
                                                 << " is not found even when present");
        for (auto& s : live)
            sodium_memzero(s.data(), s.capacity());
    }

    test::TempDir folder("heard-secrets");
    auto window = test::headlessWindow(1280, 4200, 1.0f);
    ui::AppOptions options;
    options.dataDir = folder.path();
    options.fastKeyDerivationForTests = true;
    options.autoLockSeconds = 0;
    options.watchNetwork = false;
    auto app = std::make_unique<ui::App>(*window, options);
    platform::TestDriver driver(*window, [&] { app->runOneFrame(); });
    driver.frames(2);

    // A store with one fictional child, then locked: the passphrase is typed at unlock.
    withPlain(passphrase, [&](const std::string& plain) {
        app->createStore("Fictional Practitioner", "Family Court Adviser", plain);
    });
    storage::Case theCase{"case-mem-1", "MEM/0001", "Memory test (fictional)", nlohmann::json::object(),
                          false,        ""};
    app->store()->putCase(theCase);
    {
        storage::Child child;
        child.id = "child-mem-1";
        child.caseId = "case-mem-1";
        withPlain(childName, [&](const std::string& plain) { child.displayName = plain; });
        child.dateOfBirth = "2016-05-04";
        child.details = {{"addressConfidential", false}, {"preferredLanguage", "en"}};
        app->store()->putChild(child);
        sodium_memzero(child.displayName.data(), child.displayName.capacity());
    }
    app->lock();
    app->syncControl().waitForClosers();
    driver.frames(2);

    auto unlockByTyping = [&](bool atOnce) {
        driver.tap("unlock.passphrase");
        if (atOnce)
            typeMaskedAtOnce(driver, *window, passphrase);
        else
            typeMasked(driver, *window, passphrase);
        driver.tap("unlock.ok");
        driver.frames(1);
        for (int i = 0; i < 3000 && app->unlocking(); ++i) {
            SDL_Delay(5);
            driver.frames(1);
        }
        driver.frames(2);
        REQUIRE(app->unlocked());
    };
    // Lock as the Lock button does: an action applied after a frame; the store closes on a
    // closer thread, which the scan waits for.
    auto lockNow = [&] {
        app->postToMain([](ui::App& a) { a.lock(); });
        driver.frames(2);
        REQUIRE_FALSE(app->unlocked());
        app->syncControl().waitForClosers();
        driver.frames(2);
    };
    auto checkNoneLeft = [&](const char* when, size_t needleCount) {
        const auto after = scanOwnMemory(needles);
        for (size_t k = 0; k < needleCount; ++k) {
            std::ostringstream where;
            for (const auto& line : after[k].where)
                where << "\n  " << line;
            MESSAGE(std::string(needles[k].label)
                    << " " << std::string(when) << ": " << after[k].utf8 << " UTF-8, " << after[k].utf16
                    << " UTF-16 copies" << where.str());
            CHECK_MESSAGE(after[k].utf8 == 0, std::string(needles[k].label)
                                                  << " left in memory " << std::string(when));
            CHECK_MESSAGE(after[k].utf16 == 0, std::string(needles[k].label)
                                                   << " (UTF-16) left in memory " << std::string(when));
        }
    };

    // The passphrase alone: typed at unlock (as one event, as a keyboard committing a word
    // sends it), then lock at once (nothing else typed since).
    unlockByTyping(true);
    lockNow();
    checkNoneLeft("after unlock then lock", 1);

    unlockByTyping(false);

    // Open the child (the caseload and the child's page show the name), start a visit and
    // type a note into it.
    driver.tap("caseload.child.child-mem-1");
    driver.tap("child.start_visit");
    driver.tap("visit.confidentiality");
    driver.tap("visit.begin");
    const std::string visitId = app->editors().visit.draft.recordId;
    REQUIRE_FALSE(visitId.empty());
    driver.tap("visit.outcomes");
    typeMasked(driver, *window, note);
    driver.frames(2);
    CHECK(app->editors().visit.visit.writeUp["outcomes"].get_ref<const std::string&>().size() ==
          note.utf8.size());

    // While unlocked, every one of them is in memory (the scan sees what it looks for).
    {
        const auto before = scanOwnMemory(needles);
        for (size_t k = 0; k < needles.size(); ++k) {
            MESSAGE(std::string(needles[k].label) << " while unlocked: " << before[k].utf8 << " UTF-8, "
                                                  << before[k].utf16 << " UTF-16 copies");
            if (k != 0) CHECK(before[k].utf8 + before[k].utf16 > 0);
        }
    }

    // Lock with the note's field focused.
    driver.tap("visit.outcomes");
    lockNow();
    checkNoneLeft("after lock", needles.size());
}
