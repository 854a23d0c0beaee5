// A shared tablet (issue 20, item 5): the practitioners who have a store on this tablet, and
// which one the lock screen is asking for.
//
// Each practitioner has a store of their own (database, key file, device credential) in a
// folder of its own, with their own passphrase, enrolment and locked-tablet command polling:
//   <data dir>/                       the tablet's first store, where a single-practitioner
//                                     tablet has always kept it (nothing moves)
//   <data dir>/practitioners/<id>/    each practitioner added to the tablet later
//   <data dir>/practitioners.json     their display names, in plaintext, so the lock screen can
//                                     list them before anyone unlocks; nothing else (no child,
//                                     case, role or passphrase hint; docs/security-model.md)
// A tablet with one store has no names file: it looks and works as it always did.
//
// The names file only names: a folder is listed when it holds a store, whatever the file says,
// and a name in the file without a store (a creation that failed, a wiped store) is ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace heard::ui {

struct PractitionerProfile {
    std::string id;   // "" for the tablet's first store (the data folder itself), else its folder name
    std::string name; // as they typed it when setting up; empty: not known yet (the first store of a
                      // tablet that became shared, until its practitioner next unlocks)
    std::string dir;  // where its store lives
};

class Practitioners {
public:
    explicit Practitioners(std::string rootDir);

    const std::string& rootDir() const { return m_rootDir; }
    // Reads the folders and the names file again (after lock, create, wipe). A damaged names
    // file lists the stores without names rather than hiding any.
    void refresh();
    const std::vector<PractitionerProfile>& list() const { return m_list; }
    bool shared() const { return m_list.size() > 1; }
    const PractitionerProfile* find(const std::string& id) const;
    const PractitionerProfile* findByDir(const std::string& dir) const;

    // Which practitioner the lock screen asks the passphrase of; none: it lists them.
    const PractitionerProfile* chosen() const;
    void choose(const std::string& id) { m_chosen = id; }
    void forgetChoice() { m_chosen.reset(); }
    // "Add a practitioner to this tablet": the lock screen shows the first-run form.
    bool adding = false;

    // Where the next store set up on this tablet goes: the data folder itself while it holds no
    // store, else a new folder, named (with `name`) in the names file before the store is made
    // there. Throws base::Error when the names file cannot be written (nothing is made then).
    PractitionerProfile placeNew(const std::string& name);
    // Keeps a practitioner's name in the names file once the tablet is shared (the first store's
    // name is known only once it is unlocked). Throws base::Error when it cannot be written.
    void rememberName(const std::string& id, const std::string& name);
    // Drops a wiped practitioner's name from the names file (best effort: a name without a store
    // is not listed anyway).
    void forget(const std::string& id);

    static std::string namesFilePath(const std::string& rootDir);

private:
    struct Named {
        std::string id, name;
    };
    std::vector<Named> readNames() const;
    void writeNames(const std::vector<Named>& names) const;

    std::string m_rootDir;
    std::vector<PractitionerProfile> m_list;
    std::optional<std::string> m_chosen;
};

} // namespace heard::ui
