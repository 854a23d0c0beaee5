// What the app does with each record kind, in one table: its name for people, whether the
// child's page lists it, and where it opens. A new kind joins here (with its editor in
// editors.h and its name in storage/record_kinds.h); nothing else compares kind names.
#pragma once

#include "storage/records.h"

#include <functional>
#include <string>
#include <vector>

namespace heard::ui {

class App;

struct RecordKindSpec {
    std::string name;              // storage::kinds::k...
    const char* label = nullptr;   // msgid, e.g. "Welfare concern"
    bool listedOnChildPage = true; // addenda and activities show under their record instead
    // Opens a record of this kind and returns true; unset (or false): a draft cannot be
    // reopened and a signed record opens read-only in the Record screen.
    std::function<bool(App&, const storage::Record&)> open;
};

class RecordKinds {
public:
    // Adds a kind, or replaces the kind of the same name.
    void add(RecordKindSpec spec);
    const RecordKindSpec* find(const std::string& name) const;
    const std::vector<RecordKindSpec>& all() const { return m_kinds; }

private:
    std::vector<RecordKindSpec> m_kinds;
};

// The app's kinds: the built-in ones, registered at first use (record_kinds.cpp).
RecordKinds& recordKinds();

} // namespace heard::ui
