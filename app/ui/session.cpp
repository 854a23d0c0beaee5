#include "app/ui/session.h"

#include "app/i18n/i18n.h"

namespace heard::ui {

Session::Session(std::string storeDir, storage::Clock clock, bool fastKeyDerivationForTests)
    : m_storeDir(std::move(storeDir)), m_clock(std::move(clock)),
      m_fastKeyDerivation(fastKeyDerivationForTests) {}

Session::~Session() {
    waitForUnlock();
    waitForVerify();
    waitForPin();
}

bool Session::setStoreDir(const std::string& dir) {
    if (m_store || m_unlocking || m_verifying) return false;
    m_storeDir = dir;
    return true;
}

bool Session::exists() const {
    return storage::Store::exists(m_storeDir);
}

void Session::beginCreate(const std::string& name, const std::string& role, const std::string& passphrase,
                          std::vector<unsigned char> recoveryPublicKey, UnlockDone done) {
    waitForUnlock();
    m_unlocking = true;
    const auto params =
        m_fastKeyDerivation ? storage::KdfParams::fastForTests() : storage::KdfParams::interactive();
    storage::StoreOptions storeOptions;
    storeOptions.clock = m_clock;
    storeOptions.actor = name;
    m_unlockThread =
        std::thread([dir = m_storeDir, name, role, passphrase, key = std::move(recoveryPublicKey), params,
                     storeOptions, done = std::move(done), before = beforeOpening] {
            std::unique_ptr<storage::Store> store;
            std::exception_ptr error;
            try {
                if (before) before();
                store = storage::Store::create(dir, passphrase, key, params, storeOptions);
                store->setSetting("practitioner.name", name);
                store->setSetting("practitioner.role", role);
            } catch (...) {
                store.reset();
                error = std::current_exception();
            }
            done(std::move(store), error);
        });
}

void Session::beginUnlock(const std::string& passphrase, UnlockDone done) {
    waitForUnlock();
    m_unlocking = true;
    storage::StoreOptions storeOptions;
    storeOptions.clock = m_clock;
    m_unlockThread = std::thread(
        [dir = m_storeDir, passphrase, storeOptions, done = std::move(done), before = beforeOpening] {
            std::unique_ptr<storage::Store> store;
            std::exception_ptr error;
            // Nothing may escape a worker: every failure travels to the main thread as a value.
            try {
                if (before) before();
                store = storage::Store::unlock(dir, passphrase, storeOptions);
            } catch (...) {
                error = std::current_exception();
            }
            done(std::move(store), error);
        });
}

void Session::waitForUnlock() {
    if (m_unlockThread.joinable()) m_unlockThread.join();
}

void Session::beginVerify(const std::string& passphrase, VerifyDone done) {
    waitForVerify();
    m_verifying = true;
    storage::StoreOptions storeOptions;
    storeOptions.clock = m_clock;
    m_verifyThread = std::thread([dir = m_storeDir, passphrase, storeOptions, done = std::move(done)] {
        std::exception_ptr error;
        try {
            storage::Store::verifyPassphrase(dir, passphrase, storeOptions);
        } catch (...) {
            error = std::current_exception();
        }
        done(error);
    });
}

void Session::waitForVerify() {
    if (m_verifyThread.joinable()) m_verifyThread.join();
}

void Session::beginPinWork(std::function<void()> work) {
    waitForPin();
    m_pinWorking = true;
    m_pinThread = std::thread([work = std::move(work)] {
        try {
            work();
        } catch (...) {
            // The work reports its own failures; nothing may escape a worker.
        }
    });
}

void Session::waitForPin() {
    if (m_pinThread.joinable()) m_pinThread.join();
}

storage::KdfParams Session::pinParams() const {
    return m_fastKeyDerivation ? storage::KdfParams::fastForTests() : storage::KdfParams::interactive();
}

void Session::open(std::unique_ptr<storage::Store> store) {
    m_store = std::move(store);
    m_unlocking = false;
    m_practitioner = m_store ? m_store->setting("practitioner.name").value_or(_("Practitioner")) : "";
}

std::unique_ptr<storage::Store> Session::release() {
    m_practitioner.clear();
    return std::move(m_store);
}

} // namespace heard::ui
