// The rules a new passphrase must meet, shown plainly on the first-run screen.
#pragma once

#include <string>
#include <vector>

namespace heard::model {

struct PassphraseRule {
    const char* text; // msgid, e.g. "At least 12 characters"
    bool met;
};

// Every rule with whether passphrase meets it. Long passphrases of ordinary words are
// encouraged over short complex ones (NIST SP 800-63B): length matters most.
std::vector<PassphraseRule> checkPassphrase(const std::string& passphrase, const std::string& confirmation);
bool passphraseAcceptable(const std::string& passphrase, const std::string& confirmation);

} // namespace heard::model
