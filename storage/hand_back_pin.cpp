#include "storage/hand_back_pin.h"

#include "storage/store.h"
#include "storage/store_error.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace heard::storage {

bool handBackPinWellFormed(const std::string& pin) {
    return pin.size() == size_t(kHandBackPinDigits) &&
           std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hashHandBackPin(const std::string& pin, const KdfParams& params) {
    if (!handBackPinWellFormed(pin))
        throw StoreError(StoreErrorKind::InvalidArgument, "a hand-back PIN is six digits");
    if (sodium_init() < 0) throw StoreError(StoreErrorKind::Io, "libsodium could not start");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), params.opsLimit, params.memLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw StoreError(StoreErrorKind::Io, "not enough memory to hash the PIN");
    std::string hash(out);
    sodium_memzero(out, sizeof out);
    return hash;
}

bool handBackPinMatches(const std::string& hash, const std::string& pin) {
    if (!handBackPinWellFormed(pin) || hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    if (sodium_init() < 0) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

HandBackPinState handBackPinState(Store& store) {
    HandBackPinState state;
    state.set = !store.setting(kHandBackPinSetting).value_or("").empty();
    const std::string failures = store.setting(kHandBackPinFailuresSetting).value_or("0");
    try {
        state.failures = std::clamp(std::stoi(failures), 0, 1000);
    } catch (const std::exception&) {
        state.failures = kHandBackPinMaxFailures; // a damaged count errs on the safe side
    }
    return state;
}

void saveHandBackPin(Store& store, const std::string& hash, const std::string& actor) {
    store.setSetting(kHandBackPinSetting, hash);
    store.setSetting(kHandBackPinFailuresSetting, "0");
    store.audit(actor, "set_hand_back_pin", "device");
}

void recordHandBackPinFailure(Store& store) {
    store.setSetting(kHandBackPinFailuresSetting, std::to_string(handBackPinState(store).failures + 1));
}

void resetHandBackPinFailures(Store& store) {
    store.setSetting(kHandBackPinFailuresSetting, "0");
}

} // namespace heard::storage
