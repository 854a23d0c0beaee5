// The real app, headless, signed in to a real heard-server (SQLite, loopback TLS), for the
// safety alert scenarios: the server can be taken down and brought back on the same port so
// records queue on the tablet meanwhile, and the order they reach the server can be read.
#pragma once

#include "tests/sync/sync_test_support.h"

#include "app/ui/app.h"
#include "platform/test_driver.h"

#include <memory>
#include <string>
#include <vector>

namespace heard::safetytest {

struct SafetyWorld {
    synctest::TempDir dir;
    synctest::TestCert cert;
    std::unique_ptr<server::ServerStore> serverStore;
    std::unique_ptr<synctest::ServerHarness> harness;
    std::unique_ptr<server::HeardServer> restarted;
    int port = 0;
    std::unique_ptr<platform::Window> window;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<platform::TestDriver> driver;

    // Server up; the app made, signed in through the Central system screen, first sync done.
    SafetyWorld();
    ~SafetyWorld();
    void serverDown();
    void serverUp(); // the same store on the same port
    // Records signed earlier and still waiting in the outbox: a child not seen (case a2) and a
    // high-risk visit (case a3). Returns their ids.
    std::vector<std::string> queueEarlierRecords();
    // A visit for the child through the UI, begun (the draft exists); returns its id.
    std::string startVisit(const std::string& childId);
    // Writes up and signs the visit being written, through its editor.
    void signVisit();
    void tapAndType(const std::string& tag, const std::string& text);
    // Draws frames until a passphrase check started by "Leave child mode" has its answer.
    void settleChildModeCheck();
    void signOnPad(const std::string& padTag);
    // "Sync now", and waits until the outbox is empty and that cycle, its pull too, has finished.
    void syncUntilEmpty();
    // The record ids the server holds, in the order it received them.
    std::vector<std::string> receivedRecordOrder();
    storage::Store& store() { return *app->store(); }
};

// The position of id in ids (ids.size() when absent).
size_t positionOf(const std::vector<std::string>& ids, const std::string& id);

} // namespace heard::safetytest
