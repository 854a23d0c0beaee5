// The open store and its life: create, unlock, close. Key derivation (Argon2id, about a
// second) runs on a worker so the unlock screen keeps drawing; the App receives the opened
// store on its main thread. This part knows nothing of screens or editors.
#pragma once

#include "storage/store.h"

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace heard::ui {

class Session {
public:
    Session(std::string storeDir, storage::Clock clock, bool fastKeyDerivationForTests);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    const std::string& storeDir() const { return m_storeDir; }
    // Which practitioner's store the next unlock or create opens (a shared tablet, practitioners.h).
    // Ignored while a store is open or being opened: a session never changes store under itself.
    bool setStoreDir(const std::string& dir);
    bool exists() const;
    storage::Store* store() const { return m_store.get(); }
    const std::string& practitioner() const { return m_practitioner; }
    bool unlocking() const { return m_unlocking; }

    // Makes a new store (first run) on a worker, like beginUnlock: the key derivation is the
    // same second of work. `done` receives the new store (already holding the practitioner's
    // name and role) or the error.
    using UnlockDone = std::function<void(std::unique_ptr<storage::Store>, std::exception_ptr)>;
    void beginCreate(const std::string& name, const std::string& role, const std::string& passphrase,
                     std::vector<unsigned char> recoveryPublicKey, UnlockDone done);
    // Runs first on each unlock or create worker: the App waits there for the previous store
    // to finish closing, so two sessions never overlap on the same files.
    std::function<void()> beforeOpening;
    // Unlocks on a worker. `done` runs on that worker with the store, or with the error; the
    // caller hands it to its main thread, which calls open() or shows the error.
    void beginUnlock(const std::string& passphrase, UnlockDone done);
    // Waits for a worker started by beginUnlock (tests, the tour, shutdown).
    void waitForUnlock();
    void unlockFinished() { m_unlocking = false; }
    // Checks the passphrase against the key file on a worker (leaving child mode): the same
    // growing delay as unlocking, the same second of Argon2id, and the screen keeps drawing.
    // `done` runs on the worker with nothing (right) or the error.
    using VerifyDone = std::function<void(std::exception_ptr)>;
    void beginVerify(const std::string& passphrase, VerifyDone done);
    bool verifying() const { return m_verifying; }
    void verifyFinished() { m_verifying = false; }
    void waitForVerify();
    // The hand-back PIN's Argon2id (hashing a new one, checking one) on a worker of its own:
    // `work` runs there and must hand its result to the main thread itself (App::postToMain).
    void beginPinWork(std::function<void()> work);
    bool pinWorking() const { return m_pinWorking; }
    void pinFinished() { m_pinWorking = false; }
    void waitForPin();
    // The cost a new PIN hash is made with (the minimum under test, like the key file).
    storage::KdfParams pinParams() const;
    // Makes an opened store the session's store.
    void open(std::unique_ptr<storage::Store> store);
    // Hands the store out to be closed (its key is wiped when it is destroyed).
    std::unique_ptr<storage::Store> release();

private:
    std::string m_storeDir;
    storage::Clock m_clock;
    bool m_fastKeyDerivation;
    std::unique_ptr<storage::Store> m_store;
    std::string m_practitioner;
    bool m_unlocking = false;
    std::thread m_unlockThread;
    bool m_verifying = false;
    std::thread m_verifyThread;
    bool m_pinWorking = false;
    std::thread m_pinThread;
};

} // namespace heard::ui
