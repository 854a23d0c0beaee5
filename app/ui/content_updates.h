// The activity catalogue the App shows (issue 20, item 4): the shipped content (assets/tools and
// any extra folder), then every content update the store holds, each checked again against the
// organisation's CA pinned at enrolment (the sync client checked it before keeping it; checking
// here too means a store changed behind the app's back cannot change what a child sees).
//
// The App builds it at the first use after an unlock and drops it at lock, so an update pulled
// while the store is open takes effect at the next unlock, never in the middle of a visit. Newer
// versions replace older ones; the older stay (ContentLibrary::earlier), so a record still reads
// with the wording it was made with. Translations ("i18n/<lang>.json" in an update) go to
// i18n::setContentTranslations, the newest update's text winning.
#pragma once

#include "app/tools/framework/model/activity_content.h"

namespace heard::storage {
class Store;
}

namespace heard::ui {

// store may be null (locked): the shipped content only.
tools::ContentLibrary loadActivityLibrary(storage::Store* store);

} // namespace heard::ui
