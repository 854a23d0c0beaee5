#include "app/model/passphrase_policy.h"

#include "app/model/record_fields.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace heard::model {

namespace {
bool isCommon(const std::string& passphrase) {
    std::string folded;
    for (unsigned char c : passphrase)
        if (std::isalnum(c)) folded += char(std::tolower(c));
    static const std::set<std::string> s_common = {
        "password", "password1", "password123", "123456789012", "qwertyuiop",       "iloveyou",
        "letmein",  "welcome1",  "changeme",    "heardheard",   "passwordpassword", "abcdefghijkl"};
    if (s_common.count(folded)) return true;
    // One character repeated, or a plain run like 123456789012.
    const bool repeated =
        !folded.empty() && std::all_of(folded.begin(), folded.end(), [&](char c) { return c == folded[0]; });
    bool sequential = folded.size() > 1;
    for (size_t i = 1; i < folded.size() && sequential; ++i)
        sequential = folded[i] == folded[i - 1] + 1;
    return repeated || sequential;
}
} // namespace

std::vector<PassphraseRule> checkPassphrase(const std::string& passphrase, const std::string& confirmation) {
    const bool allDigits =
        !passphrase.empty() &&
        std::all_of(passphrase.begin(), passphrase.end(), [](unsigned char c) { return std::isdigit(c); });
    return {
        {N_("At least 12 characters (a few words is easiest to remember)"), passphrase.size() >= 12},
        {N_("Not only numbers"), !passphrase.empty() && !allDigits},
        {N_("Not a common or simple pattern"), !passphrase.empty() && !isCommon(passphrase)},
        {N_("Typed the same twice"), !passphrase.empty() && passphrase == confirmation},
    };
}

bool passphraseAcceptable(const std::string& passphrase, const std::string& confirmation) {
    const auto rules = checkPassphrase(passphrase, confirmation);
    return std::all_of(rules.begin(), rules.end(), [](const PassphraseRule& r) { return r.met; });
}

} // namespace heard::model
