// The hand-back PIN (issue 18.9): six digits the practitioner sets after unlocking, so taking
// the tablet back from a child does not mean typing the whole passphrase in front of the family.
//
// Never kept in the clear: only its Argon2id hash (libsodium's crypto_pwhash_str, which carries
// its own salt and cost) is kept, and only inside the encrypted store (a setting), so it can be
// tried only on an unlocked tablet. Five wrong PINs in a row and the PIN no longer leaves child
// mode: only the passphrase does (the count is kept in the store, so a restart does not reset it).
#pragma once

#include "storage/keys.h"

#include <string>

namespace heard::storage {

class Store;

constexpr int kHandBackPinDigits = 6;
constexpr int kHandBackPinMaxFailures = 5;
// The store settings that hold the hash and the wrong tries since the last right one.
constexpr const char* kHandBackPinSetting = "handback.pin_hash";
constexpr const char* kHandBackPinFailuresSetting = "handback.pin_failures";

// True for exactly six ASCII digits.
bool handBackPinWellFormed(const std::string& pin);
// The Argon2id hash string of a well-formed PIN (InvalidArgument otherwise). Slow: a worker's job.
std::string hashHandBackPin(const std::string& pin, const KdfParams& params);
// Whether pin matches hash (false for a malformed pin or hash). Slow: a worker's job.
bool handBackPinMatches(const std::string& hash, const std::string& pin);

// The store side: the hash kept, the count of wrong tries, and whether the PIN may be tried.
struct HandBackPinState {
    bool set = false;
    int failures = 0;
    bool usable() const { return set && failures < kHandBackPinMaxFailures; }
};
HandBackPinState handBackPinState(Store& store);
void saveHandBackPin(Store& store, const std::string& hash, const std::string& actor); // resets the count
void recordHandBackPinFailure(Store& store);
void resetHandBackPinFailures(Store& store);

} // namespace heard::storage
